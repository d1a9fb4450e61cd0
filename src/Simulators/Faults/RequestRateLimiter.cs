namespace OrleansSync.Simulators.Faults;

/// <summary>
/// Token bucket: capacity and refill rate are both <c>requestsPerSecond</c>, so a caller may burst one
/// second's worth and is then held to the rate. Hand-rolled rather than System.Threading.RateLimiting so it
/// runs on the injected <see cref="TimeProvider"/> and is trivially inspectable.
/// </summary>
internal sealed class RequestRateLimiter
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private int _requestsPerSecond;
    private double _tokens;
    private long _lastRefill;

    public RequestRateLimiter(TimeProvider time, int requestsPerSecond)
    {
        _time = time;
        SetRate(requestsPerSecond);
    }

    public int RequestsPerSecond
    {
        get
        {
            lock (_gate)
            {
                return _requestsPerSecond;
            }
        }
    }

    public void SetRate(int requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        lock (_gate)
        {
            _requestsPerSecond = requestsPerSecond;
            _tokens = requestsPerSecond;
            _lastRefill = _time.GetTimestamp();
        }
    }

    /// <summary>Takes a token; false means the caller must be answered 429.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (_requestsPerSecond <= 0)
            {
                return true;
            }

            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
            _lastRefill = now;
            _tokens = Math.Min(_requestsPerSecond, _tokens + (elapsed * _requestsPerSecond));
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
