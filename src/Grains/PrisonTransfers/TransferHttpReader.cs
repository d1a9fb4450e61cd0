using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// GETs JSON from one of the services the transfers sync reads: transient failures retried with
/// backoff and jitter, each attempt under a timeout; 404 is an answer (null), every other failure a
/// <see cref="TransferLookupException"/>.
/// </summary>
internal sealed class TransferHttpReader
{
    private const int MaxErrorBodyLength = 300;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly string _service;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public TransferHttpReader(HttpClient http, string service, TransferServiceOptions options)
    {
        _http = http;
        _service = service;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
                OnRetry = arguments =>
                {
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        _pipeline = builder.AddTimeout(options.Timeout).Build();
    }

    public async Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken = default) where T : class
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token => await _http.SendAsync(new HttpRequestMessage(HttpMethod.Get, path), token), cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or TaskCanceledException)
        {
            throw new TransferLookupException($"{_service} could not be reached for GET {path}: {exception.Message}", exception);
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new TransferLookupException($"{_service} answered {(int)response.StatusCode} to GET {path}: {(body.Length <= MaxErrorBodyLength ? body : body[..MaxErrorBodyLength])}");
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                    ?? throw new TransferLookupException($"{_service} answered GET {path} with an empty body.");
            }
            catch (JsonException exception)
            {
                throw new TransferLookupException($"{_service} answered GET {path} with JSON that is not the contract's: {exception.Message}", exception);
            }
        }
    }
}
