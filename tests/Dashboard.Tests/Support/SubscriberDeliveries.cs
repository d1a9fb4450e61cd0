namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// What the test subscribers received, and the switch the tests turn: <see cref="SteadySubscriberGrain"/>
/// always accepts; <see cref="FlakySubscriberGrain"/> fails while <see cref="FlakyFails"/> is set, so
/// messages of its namespace become dead letters, and accepts once it is cleared, so a replay is
/// delivered. Every delivery is kept. One per silo host, in its container.
/// </summary>
public sealed class SubscriberDeliveries
{
    public const string Steady = "dashboard-tests.steady";
    public const string Flaky = "dashboard-tests.flaky";

    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private volatile bool _flakyFails = true;

    public bool FlakyFails
    {
        get => _flakyFails;
        set => _flakyFails = value;
    }

    public IReadOnlyCollection<ReceivedDelivery> Received => _received;

    /// <summary>Records a delivery; returns whether the subscriber accepts it.</summary>
    public bool Record(string subscriber, string messageId, int attempt)
    {
        var accepted = subscriber != Flaky || !_flakyFails;
        _received.Enqueue(new ReceivedDelivery(subscriber, messageId, attempt, accepted));
        return accepted;
    }

    /// <summary>Whether a delivery of <paramref name="messageId"/> to <paramref name="subscriber"/> was accepted.</summary>
    public bool Delivered(string subscriber, string messageId) => _received.Any(r => r.Subscriber == subscriber && r.MessageId == messageId && r.Accepted);
}

/// <summary>One delivery a test subscriber received, and whether it accepted it.</summary>
public sealed record ReceivedDelivery(string Subscriber, string MessageId, int Attempt, bool Accepted);
