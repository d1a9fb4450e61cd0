using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>
/// Typed client of nomis-prisoner-api's incentive reference-data endpoints (IncentivesResource, CONTRACTS.md §4):
/// IEP_LEVEL reference codes and prison incentive levels. Same NOMIS, base URL, token and resilience as the
/// incentives client. Every failure surfaces as <see cref="NomisApiException"/>; reads of something NOMIS does not have answer null.
/// </summary>
public sealed class NomisReferenceDataClient(HttpClient http, NomisResilience resilience, IOptions<IncentivesOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly NomisHttp _nomis = new(http, resilience, options, Json);

    public Task<NomisReferenceCode?> GetReferenceCodeAsync(string code, CancellationToken cancellationToken = default) =>
        ReadAsync<NomisReferenceCode>($"incentives/reference-codes/{Uri.EscapeDataString(code)}", cancellationToken);

    public Task CreateReferenceCodeAsync(NomisCreateReferenceCodeRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Post, "incentives/reference-codes", request, cancellationToken);

    public Task UpdateReferenceCodeAsync(string code, NomisUpdateReferenceCodeRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Put, $"incentives/reference-codes/{Uri.EscapeDataString(code)}", request, cancellationToken);

    public Task ReorderReferenceCodesAsync(NomisReorderRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Post, "incentives/reference-codes/reorder", request, cancellationToken);

    public Task<NomisPrisonIncentiveLevel?> GetPrisonLevelAsync(string prisonId, string code, CancellationToken cancellationToken = default) =>
        ReadAsync<NomisPrisonIncentiveLevel>($"incentives/prison/{Uri.EscapeDataString(prisonId)}/code/{Uri.EscapeDataString(code)}", cancellationToken);

    public Task CreatePrisonLevelAsync(string prisonId, NomisPrisonIncentiveLevelRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Post, $"incentives/prison/{Uri.EscapeDataString(prisonId)}", request, cancellationToken);

    public Task UpdatePrisonLevelAsync(string prisonId, string code, NomisPrisonIncentiveLevelRequest request, CancellationToken cancellationToken = default) =>
        WriteAsync(HttpMethod.Put, $"incentives/prison/{Uri.EscapeDataString(prisonId)}/code/{Uri.EscapeDataString(code)}", request with { LevelCode = null }, cancellationToken);

    internal Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class => _nomis.ReadAsync<T>(path, cancellationToken);

    internal Task WriteAsync<T>(HttpMethod method, string path, T body, CancellationToken cancellationToken) => _nomis.WriteAsync(method, path, body, cancellationToken);
}
