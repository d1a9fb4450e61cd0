namespace OrleansSync.Runtime.Tests.TestGrains;

/// <summary>What test grains observed, shared with the test through DI (grains cannot be inspected from outside).</summary>
public sealed class Probe
{
    private int _inTurn;
    private int _maxInTurn;

    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentDictionary<string, int> Counters { get; } = new();

    public int MaxConcurrentTurns => Volatile.Read(ref _maxInTurn);

    public IDisposable EnterTurn()
    {
        var now = Interlocked.Increment(ref _inTurn);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInTurn)) && Interlocked.CompareExchange(ref _maxInTurn, now, seen) != seen)
        {
        }

        return new Exit(this);
    }

    public void Record(string what)
    {
        Events.Enqueue(what);
        Counters.AddOrUpdate(what, 1, (_, n) => n + 1);
    }

    public int Count(string what) => Counters.TryGetValue(what, out var n) ? n : 0;

    private sealed class Exit(Probe probe) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref probe._inTurn);
    }
}
