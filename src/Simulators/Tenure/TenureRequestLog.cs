using System.Collections.Concurrent;

namespace OrleansSync.Simulators.Tenure;

/// <summary>The contract requests the simulator served: tenure id and the X-Correlation-Id the caller passed, for tests and the admin view.</summary>
public sealed class TenureRequestLog
{
    private readonly ConcurrentQueue<TenureRequest> _requests = new();

    public IReadOnlyList<TenureRequest> Requests => [.. _requests];

    public void Record(Guid tenureId, string? correlationId, int status) => _requests.Enqueue(new TenureRequest(tenureId, correlationId, status));
}
