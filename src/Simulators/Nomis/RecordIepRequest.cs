using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Body of <c>POST {prefix}/admin/prisoners/{prisonerNumber}/iep</c>: a NOMIS user recording an IEP on the
/// OIDOIEPS screen. Only <see cref="IepLevel"/> is required.
/// </summary>
public sealed record RecordIepRequest
{
    [JsonPropertyName("iepLevel")]
    public required string IepLevel { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>Local date-time; default now (Europe/London) to the minute, since the NOMIS screen drops seconds.</summary>
    [JsonPropertyName("iepDateTime")]
    public DateTime? IepDateTime { get; init; }

    /// <summary>Default: the booking's prison.</summary>
    [JsonPropertyName("prisonId")]
    public string? PrisonId { get; init; }

    [JsonPropertyName("userId")]
    public string? UserId { get; init; }

    /// <summary>Default: the prisoner's latest booking.</summary>
    [JsonPropertyName("bookingId")]
    public long? BookingId { get; init; }

    /// <summary>Default OIDOIEPS; set another module to simulate writes from other NOMIS screens.</summary>
    [JsonPropertyName("auditModuleName")]
    public string? AuditModuleName { get; init; }
}
