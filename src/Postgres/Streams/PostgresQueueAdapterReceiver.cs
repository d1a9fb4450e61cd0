using System.Globalization;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Reads one queue for its Orleans pulling agent. Starts at the queue's checkpoint, reads in
/// (transaction, id) order, and groups each read's messages by stream key into one container per
/// key. The checkpoint advances only past reads all of whose containers every consumer has passed
/// (the agent's cache reports them delivered), and is saved at most once per
/// <see cref="PostgresStreamOptions.CheckpointInterval"/>, so a queue's next owner redelivers whatever was in
/// flight (or not yet saved) when a silo died, and consumers drop what they had already committed.
/// </summary>
internal sealed class PostgresQueueAdapterReceiver(
    QueueId queueId,
    NpgsqlDataSource dataSource,
    PostgresStreamOptions options,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly int _queue = (int)queueId.GetNumericId();

    // Reads not yet delivered to every consumer, oldest first, and their containers by token.
    private readonly LinkedList<Read> _reads = new();
    private readonly Dictionary<long, (Read Read, PostgresBatchContainer Container)> _inFlight = [];
    private readonly Lock _lock = new();

    // The last message read of each stream, so that each message names its predecessor and a
    // consumer can tell a gap (a message it never saw) from the next message. Bounded: after a
    // reset, the next message of each stream names none, and its consumer checks the database.
    private const int StreamMemory = 100_000;
    private readonly Dictionary<(string Namespace, string Key), long> _lastOfStream = [];

    // The agent's timer ticks every ActivePollInterval; while the queue is idle (no message for
    // ActivityWindow), only one tick per PollInterval queries the database.
    private static readonly TimeSpan ActivityWindow = TimeSpan.FromSeconds(1);
    private long _lastQueryAt;
    private long _lastMessagesAt;

    // The checkpoint reached but not saved yet, and when the last save began (none yet: the next one is due).
    private StreamPosition? _unsaved;
    private long? _savedAt;

    private StreamPosition _position;
    private DateTimeOffset _startedAt;
    private long _sequence;

    public QueueId QueueId => queueId;

    public int Queue => _queue;

    /// <summary>Between <see cref="Initialize(TimeSpan)"/> and <see cref="Shutdown"/>: this silo's agent owns the queue.</summary>
    public bool IsReading { get; private set; }

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        await using var connection = await dataSource.OpenConnectionAsync(deadline.Token);
        await using (var command = new NpgsqlCommand(StreamSql.Get("ReadCheckpoint"), connection) { Parameters = { new() { Value = _queue } } })
        await using (var reader = await command.ExecuteReaderAsync(deadline.Token))
        {
            _position = await reader.ReadAsync(deadline.Token)
                ? new StreamPosition(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1))
                : StreamPosition.Start;
        }

        await using (var command = new NpgsqlCommand(StreamSql.Get("Now"), connection))
        {
            _startedAt = (DateTime)(await command.ExecuteScalarAsync(deadline.Token))!;
        }

        IsReading = true;
        logger.LogInformation("Stream queue {Queue} reading from {Position}", _queue, _position);
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        List<(StreamPosition Position, StreamEvent Message)> rows;
        try
        {
            // Every tick, so that a checkpoint held back by the interval is saved once the queue goes quiet too.
            await SaveCheckpointIfDueAsync(cancellationToken);
            rows = await ReadAsync(maxCount, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent is stopping (silo shutdown, or the queue moving to another silo): the read is
            // dropped whole, the position stays, and Orleans does not log a cancelled read as a failure.
            return [];
        }

        if (rows.Count == 0)
        {
            return [];
        }

        var containers = new List<IBatchContainer>();
        lock (_lock)
        {
            var read = new Read(rows[^1].Position);
            if (_lastOfStream.Count > StreamMemory)
            {
                _lastOfStream.Clear();
            }

            foreach (var stream in rows.GroupBy(row => (row.Message.Namespace, row.Message.Key)))
            {
                var token = new EventSequenceTokenV2(++_sequence);
                var events = new List<StreamEvent>();
                foreach (var (_, message) in stream)
                {
                    events.Add(message with { PreviousRowId = _lastOfStream.TryGetValue(stream.Key, out var previous) ? previous : null });
                    _lastOfStream[stream.Key] = message.RowId;
                }

                var container = new PostgresBatchContainer(StreamId.Create(stream.Key.Namespace, stream.Key.Key), token, events);
                read.Pending.Add(token.SequenceNumber);
                _inFlight[token.SequenceNumber] = (read, container);
                containers.Add(container);
            }

            _reads.AddLast(read);
            _position = read.Last;
        }

        return containers;
    }

    /// <summary>The queue's next messages after the position, unless the queue is idle and was read less than a poll interval ago.</summary>
    private async Task<List<(StreamPosition Position, StreamEvent Message)>> ReadAsync(int maxCount, CancellationToken cancellationToken)
    {
        var limit = maxCount < 0 ? options.ReadBatchSize : Math.Min(maxCount, options.ReadBatchSize);
        var now = Stopwatch.GetTimestamp();
        var rows = new List<(StreamPosition Position, StreamEvent Message)>();
        if (limit == 0 || (Stopwatch.GetElapsedTime(_lastMessagesAt, now) > ActivityWindow && Stopwatch.GetElapsedTime(_lastQueryAt, now) < options.PollInterval))
        {
            return rows;
        }

        _lastQueryAt = now;
        await using var command = dataSource.CreateCommand(StreamSql.Get("ReadQueue"));
        command.Parameters.Add(new() { Value = _queue });
        command.Parameters.Add(new() { Value = _position.Transaction.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = _position.RowId });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var message = StreamRows.Read(reader);
            rows.Add((StreamRows.PositionOf(message), message with { MayBeRedelivered = message.AppendedAt <= _startedAt }));
        }

        if (rows.Count > 0)
        {
            _lastMessagesAt = now;
        }

        return rows;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        Complete(messages.OfType<PostgresBatchContainer>().Select(c => c.Token.SequenceNumber));
        await SaveCheckpointIfDueAsync(cancellationToken);
    }

    /// <summary>The container a delivery failure names, if this receiver read it and it is still in flight.</summary>
    public PostgresBatchContainer? InFlight(long sequence)
    {
        lock (_lock)
        {
            return _inFlight.TryGetValue(sequence, out var entry) ? entry.Container : null;
        }
    }

    /// <summary>
    /// Marks containers done, and moves the checkpoint to be saved past every read they complete. Orleans' cache does
    /// not report containers whose delivery it gave up on, so the failure handler completes those itself once it has
    /// dead-lettered them.
    /// </summary>
    public void Complete(IEnumerable<long> sequences)
    {
        lock (_lock)
        {
            foreach (var sequence in sequences)
            {
                if (_inFlight.Remove(sequence, out var entry))
                {
                    entry.Read.Pending.Remove(sequence);
                }
            }

            while (_reads.First is { Value.Pending.Count: 0 } done)
            {
                _unsaved = done.Value.Last;
                _reads.RemoveFirst();
            }
        }
    }

    /// <summary>The checkpoint to save now, if any (only once the interval has passed, unless <paramref name="evenIfNotDue"/>).</summary>
    private StreamPosition? TakeUnsaved(bool evenIfNotDue)
    {
        lock (_lock)
        {
            if (_unsaved is not { } unsaved || (!evenIfNotDue && _savedAt is { } savedAt && Stopwatch.GetElapsedTime(savedAt) < options.CheckpointInterval))
            {
                return null;
            }

            _unsaved = null;
            _savedAt = Stopwatch.GetTimestamp();
            return unsaved;
        }
    }

    private async Task SaveCheckpointIfDueAsync(CancellationToken cancellationToken)
    {
        if (TakeUnsaved(evenIfNotDue: false) is not { } checkpoint)
        {
            return;
        }

        try
        {
            await SaveCheckpointAsync(checkpoint, cancellationToken);
        }
        catch
        {
            lock (_lock)
            {
                _unsaved ??= checkpoint; // saved with the next attempt, unless a later one is due by then
            }

            throw;
        }
    }

    private async Task SaveCheckpointAsync(StreamPosition checkpoint, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StreamSql.Get("SaveCheckpoint"));
        command.Parameters.Add(new() { Value = _queue });
        command.Parameters.Add(new() { Value = checkpoint.Transaction.ToString(CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = checkpoint.RowId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Saves the checkpoint held back by the interval, so that the queue's next owner starts from it.</summary>
    public async Task Shutdown(TimeSpan timeout)
    {
        IsReading = false;
        if (TakeUnsaved(evenIfNotDue: true) is not { } checkpoint)
        {
            return;
        }

        try
        {
            using var deadline = new CancellationTokenSource(timeout);
            await SaveCheckpointAsync(checkpoint, deadline.Token);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or ObjectDisposedException)
        {
            logger.LogWarning("Stream queue {Queue}: checkpoint {Position} not saved at shutdown ({Error}); the queue's next owner delivers its messages again", _queue, checkpoint, exception.Message);
        }
    }

    /// <summary>One read of the queue: its last position, and the containers not yet delivered to every consumer.</summary>
    private sealed class Read(StreamPosition last)
    {
        public StreamPosition Last { get; } = last;

        public HashSet<long> Pending { get; } = [];
    }
}
