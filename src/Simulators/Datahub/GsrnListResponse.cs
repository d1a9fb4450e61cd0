using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Response of <c>GET {prefix}/admin/accounting_points</c>: one page of GSRNs in ordinal order.</summary>
public sealed record GsrnListResponse(
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("gsrns")] IReadOnlyList<string> Gsrns);
