namespace OrleansSync.Simulators.Nomis;

/// <summary>Mutable delivery state of one emitted event; <see cref="Completion"/> resolves when it is final.</summary>
internal sealed class EventRecord
{
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _status = EventDeliveryStatus.Pending;
    private int _attempts;
    private string? _lastError;

    public EventRecord(IepChange change, string eventId, SnsNotification envelope)
    {
        Change = change;
        EventId = eventId;
        Envelope = envelope;
    }

    public IepChange Change { get; }

    public string EventId { get; }

    public SnsNotification Envelope { get; }

    public Task Completion => _completion.Task;

    public void RecordAttempt(string? error)
    {
        lock (_gate)
        {
            _attempts++;
            _lastError = error;
        }
    }

    public void Complete(string status)
    {
        lock (_gate)
        {
            _status = status;
        }

        _completion.TrySetResult();
    }

    public EmittedEvent ToView()
    {
        lock (_gate)
        {
            return new EmittedEvent
            {
                EventId = EventId,
                EventType = Change.EventType,
                OffenderNo = Change.OffenderNo,
                BookingId = Change.BookingId,
                Sequence = Change.Sequence,
                AuditModuleName = Change.AuditModuleName,
                Status = _status,
                Attempts = _attempts,
                LastError = _lastError,
                Envelope = Envelope,
            };
        }
    }
}
