using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>Body of <c>PUT {prefix}/admin/prisoners/{prisonerNumber}/iep/{sequence}</c>: members present are changed.</summary>
public sealed record UpdateIepRequest
{
    [JsonPropertyName("iepLevel")]
    public string? IepLevel { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    [JsonPropertyName("iepDateTime")]
    public DateTime? IepDateTime { get; init; }

    [JsonPropertyName("auditModuleName")]
    public string? AuditModuleName { get; init; }
}
