using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Body of <c>POST {prefix}/admin/prisoners/bulk</c>: N generated prisoners with historical IEPs, for migration
/// runs. IEPs are audited as OIDOIEPS (entered on the NOMIS screen in the past) and raise no events.
/// </summary>
public sealed record BulkSeedRequest
{
    /// <summary>Number of prisoners, 1..100000.</summary>
    [JsonPropertyName("count")]
    public required int Count { get; init; }

    /// <summary>IEPs per prisoner, 1..50 (default 3).</summary>
    [JsonPropertyName("incentivesPerPrisoner")]
    public int? IncentivesPerPrisoner { get; init; }

    /// <summary>Prison of every generated booking and IEP (default MDI).</summary>
    [JsonPropertyName("prisonId")]
    public string? PrisonId { get; init; }

    /// <summary>IEP dates (and so whenCreated, which the id filter uses) fall in [fromDate, toDate].</summary>
    [JsonPropertyName("fromDate")]
    public DateOnly? FromDate { get; init; }

    [JsonPropertyName("toDate")]
    public DateOnly? ToDate { get; init; }

    /// <summary>Seed of the generated levels/dates (default 1): same seed, same data.</summary>
    [JsonPropertyName("seed")]
    public int? Seed { get; init; }
}
