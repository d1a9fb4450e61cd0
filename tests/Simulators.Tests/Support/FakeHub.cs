using System.Collections.Concurrent;

namespace OrleansSync.Simulators.Tests.Support;

/// <summary>
/// Stands in for the hub's event ingestion endpoint inside the test server: records every POST and answers
/// 202, or a scripted failure status for the first N requests.
/// </summary>
internal sealed class FakeHub
{
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;
    private int _failureStatus = StatusCodes.Status500InternalServerError;

    public IReadOnlyList<CapturedRequest> Requests => _requests.ToList();

    public void FailNext(int count, int status = StatusCodes.Status500InternalServerError)
    {
        lock (_gate)
        {
            _failuresLeft = count;
            _failureStatus = status;
        }
    }

    public async Task<IResult> HandleAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new CapturedRequest(body, request.ContentType, headers));

        int? failWith = null;
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                failWith = _failureStatus;
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return failWith is { } status ? Results.StatusCode(status) : Results.Accepted();
    }

    /// <summary>Waits until the captured requests satisfy <paramref name="condition"/>, failing after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<CapturedRequest>> WaitForAsync(Func<IReadOnlyList<CapturedRequest>, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            var snapshot = Requests;
            if (condition(snapshot))
            {
                return snapshot;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Hub condition not met in time; {snapshot.Count} request(s) captured.");
            }

            await Task.WhenAny(changed, Task.Delay(remaining));
        }
    }
}
