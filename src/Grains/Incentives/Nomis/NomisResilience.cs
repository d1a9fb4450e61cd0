using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>
/// The resilience pipelines of the NOMIS adapter, built once from <see cref="NomisApiOptions"/>: reads
/// retry transient failures with exponential backoff and jitter, each attempt under a timeout and all of
/// them under the read budget; writes get the attempt timeout only (see <see cref="NomisApiOptions.RetryAttempts"/> for why).
/// </summary>
public sealed class NomisResilience
{
    public NomisResilience(IOptions<IncentivesOptions> options, ILogger<NomisResilience> logger)
    {
        var nomis = options.Value.Nomis;
        var reads = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(nomis.ReadBudget);
        if (nomis.RetryAttempts > 0)
        {
            reads.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = nomis.RetryAttempts,
                Delay = nomis.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => IsTransient(response.StatusCode)),
                OnRetry = arguments =>
                {
                    logger.LogDebug("NOMIS read failed ({Outcome}); retry {Attempt} in {Delay}",
                        arguments.Outcome.Exception?.Message ?? $"HTTP {(int?)arguments.Outcome.Result?.StatusCode}", arguments.AttemptNumber + 1, arguments.RetryDelay);
                    arguments.Outcome.Result?.Dispose();
                    return default;
                },
            });
        }

        Reads = reads.AddTimeout(nomis.Timeout).Build();
        Writes = new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(nomis.Timeout).Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Reads { get; }

    public ResiliencePipeline<HttpResponseMessage> Writes { get; }

    internal static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
}
