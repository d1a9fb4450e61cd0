using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.Incentives.Nomis;
using Polly;
using Polly.Timeout;

namespace OrleansSync.Grains.ReferenceData.Nomis;

/// <summary>
/// Typed client of nomis-prisoner-api's incentive reference-data endpoints (IncentivesResource, CONTRACTS.md §4):
/// IEP_LEVEL reference codes and prison incentive levels. Same NOMIS, base URL, token and resilience as the
/// incentives client. Every failure surfaces as <see cref="NomisApiException"/>; reads of something NOMIS does not have answer null.
/// </summary>
public sealed class NomisReferenceDataClient(HttpClient http, NomisResilience resilience, IOptions<IncentivesOptions> options)
{
    private const int MaxErrorBodyLength = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

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

    internal async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken) where T : class
    {
        using var response = await SendAsync(resilience.Reads, () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, "GET", path, cancellationToken);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw new NomisApiException($"NOMIS answered GET /{path} with an empty body.", response.StatusCode);
        }
        catch (JsonException exception)
        {
            throw new NomisApiException($"NOMIS answered GET /{path} with a body that does not match the contract: {exception.Message}", response.StatusCode, exception);
        }
    }

    internal async Task WriteAsync<T>(HttpMethod method, string path, T body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(resilience.Writes, () => new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);
        await EnsureSuccessAsync(response, method.Method, path, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(ResiliencePipeline<HttpResponseMessage> pipeline, Func<HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        try
        {
            return await pipeline.ExecuteAsync(async token =>
            {
                using var request = create();
                if (options.Value.Nomis.BearerToken is { Length: > 0 } bearer)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
            }, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new NomisApiException($"NOMIS could not be reached: {exception.Message}", null, exception);
        }
        catch (TimeoutRejectedException exception)
        {
            throw new NomisApiException($"NOMIS did not answer within {options.Value.Nomis.Timeout}.", null, exception);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new NomisApiException($"NOMIS answered {(int)response.StatusCode} to {method} /{path}: {(body.Length > MaxErrorBodyLength ? body[..MaxErrorBodyLength] : body)}", response.StatusCode);
    }
}
