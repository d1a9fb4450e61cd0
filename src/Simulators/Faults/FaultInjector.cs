using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Faults;

/// <summary>
/// Runs in front of a simulator's public endpoints: rate limit, then latency, then failure. One instance per
/// simulator, so the NOMIS and datahub faults are independent. Settings start from
/// <see cref="FaultInjectionOptions"/> and can be changed at runtime (admin endpoint or directly by a test).
/// Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly RequestRateLimiter _rateLimiter;
    private TimeSpan _latency;
    private TimeSpan _latencyJitter;
    private double _failureRate;
    private int _failureStatusCode;
    private int _failNext;
    private long _requests;
    private long _injectedFailures;
    private long _rateLimited;

    public FaultInjector(FaultInjectionOptions options, TimeProvider time, int requestsPerSecond = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        _rateLimiter = new RequestRateLimiter(time, requestsPerSecond);
        Apply(new FaultSettings
        {
            LatencyMs = (int)options.Latency.TotalMilliseconds,
            LatencyJitterMs = (int)options.LatencyJitter.TotalMilliseconds,
            FailureRate = options.FailureRate,
            FailureStatusCode = options.FailureStatusCode,
        });
    }

    /// <summary>Changes only the members that are set; validates all of them first so nothing is half-applied.</summary>
    public FaultSettings Apply(FaultSettings update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.LatencyMs is < 0 || update.LatencyJitterMs is < 0)
        {
            throw SimulatorException.BadRequest("latencyMs and latencyJitterMs must be >= 0.");
        }

        if (update.FailureRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            throw SimulatorException.BadRequest("failureRate must be between 0 and 1.");
        }

        if (update.FailureStatusCode is { } status && (status < 400 || status > 599))
        {
            throw SimulatorException.BadRequest("failureStatusCode must be between 400 and 599.");
        }

        if (update.FailNext is < 0 || update.RequestsPerSecond is < 0)
        {
            throw SimulatorException.BadRequest("failNext and requestsPerSecond must be >= 0.");
        }

        lock (_gate)
        {
            if (update.LatencyMs is { } latency)
            {
                _latency = TimeSpan.FromMilliseconds(latency);
            }

            if (update.LatencyJitterMs is { } jitter)
            {
                _latencyJitter = TimeSpan.FromMilliseconds(jitter);
            }

            if (update.FailureRate is { } failureRate)
            {
                _failureRate = failureRate;
            }

            if (update.FailureStatusCode is { } failureStatus)
            {
                _failureStatusCode = failureStatus;
            }

            if (update.FailNext is { } failNext)
            {
                _failNext = failNext;
            }
        }

        if (update.RequestsPerSecond is { } rps)
        {
            _rateLimiter.SetRate(rps);
        }

        return Current;
    }

    public FaultSettings Current
    {
        get
        {
            lock (_gate)
            {
                return new FaultSettings
                {
                    LatencyMs = (int)_latency.TotalMilliseconds,
                    LatencyJitterMs = (int)_latencyJitter.TotalMilliseconds,
                    FailureRate = _failureRate,
                    FailureStatusCode = _failureStatusCode,
                    FailNext = _failNext,
                    RequestsPerSecond = _rateLimiter.RequestsPerSecond,
                };
            }
        }
    }

    public FaultStatistics Statistics => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _injectedFailures),
        Interlocked.Read(ref _rateLimited),
        Current);

    public void ResetStatistics()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _injectedFailures, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
    }

    /// <summary>Returns a result to short-circuit the request with, or null to let it through.</summary>
    public async ValueTask<IResult?> InterceptAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Interlocked.Increment(ref _requests);

        if (!_rateLimiter.TryAcquire())
        {
            Interlocked.Increment(ref _rateLimited);
            http.Response.Headers.RetryAfter = "1";
            http.Response.Headers[SimulatorHeaders.Injected] = "rate-limit";
            return SimulatorProblems.Problem(
                StatusCodes.Status429TooManyRequests,
                "Too many requests",
                $"Rate limit of {_rateLimiter.RequestsPerSecond} requests per second exceeded.");
        }

        var delay = NextLatency(http.Request.Headers[SimulatorHeaders.LatencyMs].ToString());
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, http.RequestAborted);
        }

        var (failStatus, reason) = NextFailure(http.Request.Headers[SimulatorHeaders.Fail].ToString());
        if (failStatus is null)
        {
            return null;
        }

        Interlocked.Increment(ref _injectedFailures);
        http.Response.Headers[SimulatorHeaders.Injected] = reason;
        return SimulatorProblems.Problem(
            failStatus.Value,
            "Simulated failure",
            $"Failure injected by the simulator ({reason}).",
            SimulatorProblems.SimulatedFailureType);
    }

    private TimeSpan NextLatency(string header)
    {
        if (int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        lock (_gate)
        {
            return _latencyJitter > TimeSpan.Zero
                ? _latency + (_latencyJitter * _random.NextDouble())
                : _latency;
        }
    }

    private (int? Status, string Reason) NextFailure(string header)
    {
        lock (_gate)
        {
            // Always roll the dice so a seeded sequence does not depend on which requests carried headers.
            var roll = _random.NextDouble();
            if (header.Length > 0)
            {
                if (bool.TryParse(header, out var fail))
                {
                    if (fail)
                    {
                        return (_failureStatusCode, "header");
                    }
                }
                else if (int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var status)
                    && status is >= 400 and <= 599)
                {
                    return (status, "header");
                }
            }

            if (_failNext > 0)
            {
                _failNext--;
                return (_failureStatusCode, "fail-next");
            }

            return roll < _failureRate ? (_failureStatusCode, "failure-rate") : (null, string.Empty);
        }
    }
}
