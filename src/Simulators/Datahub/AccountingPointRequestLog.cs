using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Counts contract requests per GSRN while they are in flight (injected latency included), so a test can
/// assert what the hub promises: requests for one point never overlap, and the total concurrency stays
/// within its limiter. Thread-safe; reset with <see cref="Reset"/> or <c>POST {prefix}/admin/requests/reset</c>.
/// </summary>
public sealed class AccountingPointRequestLog
{
    private readonly ConcurrentDictionary<string, PointCounters> _points = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _requests;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Marks a request for <paramref name="gsrn"/> in flight until the returned scope is disposed.</summary>
    public IDisposable Begin(string gsrn)
    {
        var point = _points.GetOrAdd(gsrn, _ => new PointCounters());
        lock (_gate)
        {
            _requests++;
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
            point.Requests++;
            point.InFlight++;
            point.MaxInFlight = Math.Max(point.MaxInFlight, point.InFlight);
        }

        return new Scope(this, point);
    }

    public AccountingPointRequests Snapshot()
    {
        lock (_gate)
        {
            return new AccountingPointRequests(
                _requests,
                _maxInFlight,
                _points.IsEmpty ? 0 : _points.Values.Max(p => p.MaxInFlight),
                _points.Count);
        }
    }

    /// <summary>Requests and the most that overlapped for one point (zeros when it was never requested).</summary>
    public AccountingPointRequestCounts For(string gsrn)
    {
        lock (_gate)
        {
            return _points.TryGetValue(gsrn, out var point)
                ? new AccountingPointRequestCounts(gsrn, point.Requests, point.MaxInFlight)
                : new AccountingPointRequestCounts(gsrn, 0, 0);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _points.Clear();
            _requests = 0;
            _maxInFlight = _inFlight;
        }
    }

    private void End(PointCounters point)
    {
        lock (_gate)
        {
            _inFlight--;
            point.InFlight--;
        }
    }

    private sealed class PointCounters
    {
        public long Requests { get; set; }

        public int InFlight { get; set; }

        public int MaxInFlight { get; set; }
    }

    private sealed class Scope(AccountingPointRequestLog log, PointCounters point) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                log.End(point);
            }
        }
    }
}

/// <summary>Response of <c>GET {prefix}/admin/requests</c>.</summary>
public sealed record AccountingPointRequests(
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("max_in_flight")] int MaxInFlight,
    [property: JsonPropertyName("max_in_flight_per_point")] int MaxInFlightPerPoint,
    [property: JsonPropertyName("points")] int Points);

/// <summary>Response of <c>GET {prefix}/admin/requests/{gsrn}</c>.</summary>
public sealed record AccountingPointRequestCounts(
    [property: JsonPropertyName("gsrn")] string Gsrn,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("max_in_flight")] int MaxInFlight);
