using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansSync.Grains.Finance.TenureApi;

/// <summary>
/// Reads a tenure from the tenure API (<c>GET {BaseUrl}/api/v1/tenures/{id}</c>), passing the event's
/// correlation id as Hackney's listeners do. GETs are retried a few times like theirs (contracts §4);
/// beyond that the failure is the stream's to retry, with backoff, then dead-letter.
/// </summary>
public sealed class TenureApiClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly TenureApiOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public TenureApiClient(HttpClient http, IOptions<FinanceOptions> options)
    {
        _http = http;
        _options = options.Value.TenureApi;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (_options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = _options.RetryAttempts,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Constant,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(_options.Timeout).Build();
    }

    /// <summary>The tenure, or null when the API has none (404). Throws <see cref="TenureApiException"/> on any other failure.</summary>
    public async Task<TenureDocument?> GetTenureAsync(Guid tenureId, Guid? correlationId, CancellationToken cancellationToken = default)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/tenures/{tenureId:D}");
                if (correlationId is { } correlation)
                {
                    request.Headers.Add("X-Correlation-Id", correlation.ToString("D"));
                }

                if (!string.IsNullOrEmpty(_options.BearerToken))
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
                }

                return await _http.SendAsync(request, token);
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException)
        {
            throw new TenureApiException($"The tenure API could not be reached for tenure {tenureId:D}: {exception.Message}", exception);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new TenureApiException($"The tenure API answered HTTP {(int)response.StatusCode} for tenure {tenureId:D}.");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<TenureDocument>(Json, cancellationToken)
                    ?? throw new TenureApiException($"The tenure API answered null for tenure {tenureId:D}.");
            }
            catch (JsonException exception)
            {
                throw new TenureApiException($"The tenure API's document for tenure {tenureId:D} is not valid: {exception.Message}", exception);
            }
        }
    }
}
