using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Typed client of the accounting point adapter: <c>GET /accounting_point/{gsrn}?valid_from=</c> with the
/// shared bearer key. Each attempt waits for a rate-limiter token and has its own timeout; transient
/// failures (network, timeout, 408, 429, 5xx) are retried with exponential backoff and jitter (honouring
/// Retry-After), all attempts within a total timeout. 404 means "not found"; any other answer is a
/// failure whose reason names the status, never the key.
/// </summary>
public sealed class DatahubAdapterClient
{
    private const int MaxBodyInReason = 300;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new() { AllowTrailingCommas = true };

    private readonly HttpClient _http;
    private readonly SyncLimiter _limiter;
    private readonly AccountingPointsMetrics _metrics;
    private readonly ILogger<DatahubAdapterClient> _logger;
    private readonly AccountingPointsOptions _options;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public DatahubAdapterClient(
        HttpClient http,
        SyncLimiter limiter,
        AccountingPointsMetrics metrics,
        IOptions<AccountingPointsOptions> options,
        TimeProvider time,
        ILogger<DatahubAdapterClient> logger)
    {
        _http = http;
        _limiter = limiter;
        _metrics = metrics;
        _logger = logger;
        _options = options.Value;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddTimeout(_options.AdapterTotalTimeout)
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(_options.AdapterRetries, 1),
                ShouldHandle = args => ValueTask.FromResult(_options.AdapterRetries > 0 && IsTransient(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.AdapterRetryDelay,
                MaxDelay = MaxRetryDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    _logger.LogInformation(
                        "Datahub adapter attempt {Attempt} failed ({Reason}); retrying in {DelayMs} ms",
                        args.AttemptNumber + 1,
                        Describe(args.Outcome),
                        (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Fetches one point's data valid from <paramref name="validFrom"/>.</summary>
    public async Task<AdapterFetchResult> GetAccountingPointAsync(string gsrn, DateTimeOffset validFrom, CancellationToken cancellationToken = default)
    {
        var uri = $"accounting_point/{Uri.EscapeDataString(gsrn)}?valid_from={Uri.EscapeDataString(OsloTime.Format(validFrom))}";
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(ct => SendAttemptAsync(uri, ct), cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            return new AdapterFetchResult.Failed($"the adapter did not answer within {_options.AdapterTotalTimeout.TotalSeconds:0.#} s (all attempts)");
        }
        catch (TimeoutException exception)
        {
            return new AdapterFetchResult.Failed(exception.Message);
        }
        catch (HttpRequestException exception)
        {
            return new AdapterFetchResult.Failed($"the adapter is unreachable: {exception.Message}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new AdapterFetchResult.NotFound();
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await ReadSnippetAsync(response, cancellationToken);
                return new AdapterFetchResult.Failed($"the adapter answered {status} {response.ReasonPhrase}{body}");
            }

            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                var document = await JsonSerializer.DeserializeAsync<AdapterAccountingPoint>(stream, Json, cancellationToken);
                return document is null
                    ? new AdapterFetchResult.Failed("the adapter answered 200 with an empty body")
                    : new AdapterFetchResult.Found(document);
            }
            catch (JsonException exception)
            {
                return new AdapterFetchResult.Failed($"the adapter's response is not a valid accounting_point document: {exception.Message}");
            }
        }
    }

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(string uri, CancellationToken cancellationToken)
    {
        await _limiter.AcquireRequestAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.AdapterApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(_options.AdapterTimeout);
        try
        {
            var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attempt.Token);
            _metrics.AdapterRequest(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return response;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _metrics.AdapterRequest("timeout");
            throw new TimeoutException($"the adapter did not answer within {_options.AdapterTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException)
        {
            _metrics.AdapterRequest("error");
            throw;
        }
    }

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutException } => true,
        { Result: { } response } => IsTransientStatus(response.StatusCode),
        _ => false,
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>A Retry-After (seconds or date) on 429/503, capped; null keeps the exponential delay.</summary>
    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        if (response?.Headers.RetryAfter is not { } retryAfter)
        {
            return null;
        }

        var delay = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return delay is { } value && value > TimeSpan.Zero ? (value < MaxRetryDelay ? value : MaxRetryDelay) : null;
    }

    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception ? exception.Message : $"HTTP {(int)outcome.Result!.StatusCode}";

    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            if (text.Length == 0)
            {
                return string.Empty;
            }

            return ": " + (text.Length > MaxBodyInReason ? text[..MaxBodyInReason] + "…" : text);
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
