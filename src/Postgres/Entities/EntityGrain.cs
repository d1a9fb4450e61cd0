using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;
using Orleans.Streams.Core;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Entities;

/// <summary>
/// Base class of grains that own an entity's durable writes (their string key is the entity's key;
/// a subscriber needs no grain interface of its own).
/// <list type="bullet">
/// <item>Fencing: the activation reads the entity's version when it activates; every unit of work
/// commits only if that version is still current, and advances it. A stale second activation gets
/// <see cref="EntityFenceException"/>, writes nothing and deactivates.</item>
/// <item>Streams: a subclass with [ImplicitStreamSubscription] that implements
/// <see cref="IStreamSubscriber"/> (or <see cref="IStreamBatchSubscriber"/>) receives its key's
/// messages of the PostgreSQL provider in order. A unit of work committed while handling them
/// records them consumed, so a redelivery does nothing; a message that fails is retried with
/// backoff while later ones wait, and after the attempt limit becomes a dead letter.</item>
/// </list>
/// </summary>
public abstract class EntityGrain : Grain, IGrainWithStringKey, IStreamSubscriptionObserver
{
    // Messages handled by this activation without a unit of work recording them (nothing to
    // commit), so a retried container does not run them again; bounded, as retries are immediate.
    private const int HandledMemory = 1024;

    // Most later messages a batch takes from the table; well under HandledMemory, so that the
    // agent's own deliveries of them, which follow, are still remembered as handled.
    private const int BacklogLimit = 256;

    private readonly Dictionary<long, int> _attempts = [];
    private readonly List<long> _handledWithoutUnitOfWork = [];
    private readonly HashSet<long> _handled = [];
    private readonly Queue<long> _handledOrder = new();
    private EntityGrainServices? _services;
    private StreamDelivery? _delivery;
    private string? _grainType;
    private ILogger? _logger;
    private readonly Dictionary<string, long> _lastSeen = new(StringComparer.Ordinal);

    internal EntityGrainServices Services => _services ??= ServiceProvider.GetRequiredService<EntityGrainServices>();

    /// <summary>The grain type name: the consumer name of its stream subscriptions, and the fence's entity type.</summary>
    public string GrainType => _grainType ??= this.GetGrainId().Type.ToString()!;

    /// <summary>The entity's key (the grain's string key).</summary>
    public string EntityKey => this.GetPrimaryKeyString();

    internal long Version { get; private set; }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var command = Services.DataSource.CreateCommand(EntitySql.Get("ReadVersion"));
        command.Parameters.Add(new() { Value = GrainType });
        command.Parameters.Add(new() { Value = EntityKey });
        Version = await command.ExecuteScalarAsync(cancellationToken) is long version ? version : 0;
        await base.OnActivateAsync(cancellationToken);
    }

    /// <summary>Starts a fenced transaction of this entity (see <see cref="IUnitOfWork"/>).</summary>
    protected async Task<IUnitOfWork> BeginUnitOfWorkAsync(CancellationToken cancellationToken = default) =>
        await UnitOfWork.BeginAsync(this, _delivery, cancellationToken);

    internal void OnCommitted(long version) => Version = version;

    internal void OnFenceConflict(long version)
    {
        Logger.LogWarning(
            "{GrainType} {GrainKey}: stale activation (read version {Version}, another activation committed since); deactivating", GrainType, EntityKey, version);
        DeactivateOnIdle();
    }

    async Task IStreamSubscriptionObserver.OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        if (this is not IStreamSubscriber)
        {
            throw new InvalidOperationException($"{GetType().Name} subscribes to streams but implements no {nameof(IStreamSubscriber)}.");
        }

        await handleFactory.Create<StreamEvent>().ResumeAsync(new Observer(this));
    }

    private async Task DeliverAsync(IList<SequentialItem<StreamEvent>> items)
    {
        var delivered = items.Select(item => item.Item).ToList();
        if (delivered.Count == 0)
        {
            return;
        }

        // Orleans' agent can hand a key's message to an activation before an earlier one (when the
        // earlier one's delivery failed because its activation died, moved or re-subscribed). A
        // message names its predecessor; unless that is the one this activation saw last, earlier
        // messages it has not handled are looked up and handled first.
        var first = delivered[0];
        var gap = !_lastSeen.TryGetValue(first.Namespace, out var lastSeen) || first.PreviousRowId is not { } previous || previous != lastSeen;
        var messages = delivered
            .Where(message => (message.Consumer is null || message.Consumer == GrainType || message.Consumer == DeadLetter.AnyConsumer) && !_handled.Contains(message.RowId))
            .ToList();
        if (gap && first.Consumer is null && messages.Count > 0)
        {
            var earlier = await EarlierUnconsumedAsync(messages[0]);
            messages.InsertRange(0, earlier.Where(e => !_handled.Contains(e.RowId) && messages.All(m => m.RowId != e.RowId)));
        }

        if (messages.Any(message => message.MayBeRedelivered || _attempts.ContainsKey(message.RowId)))
        {
            var consumed = await ConsumedAsync(messages.Select(message => message.RowId).ToArray());
            messages.RemoveAll(message => consumed.Contains(message.RowId));
        }

        if (messages.Count > 0)
        {
            try
            {
                await HandleAsync(messages);
            }
            finally
            {
                await RecordHandledWithoutUnitOfWorkAsync();
            }
        }

        // Only once the whole container is handled: a failed one is retried with the same predecessor.
        _lastSeen[first.Namespace] = delivered[^1].RowId;
    }

    private async Task HandleAsync(List<StreamEvent> messages)
    {
        var subscriber = (IStreamSubscriber)this;
        if (subscriber is IStreamBatchSubscriber batchSubscriber && !messages.Any(message => _attempts.ContainsKey(message.RowId)))
        {
            if (await TryBatchAsync(batchSubscriber, [.. messages, .. await BacklogAfterAsync(messages)]))
            {
                return;
            }
        }

        foreach (var message in messages)
        {
            var attempt = _attempts.GetValueOrDefault(message.RowId) + 1;
            var delivery = _delivery = new StreamDelivery([message.RowId]);
            Services.Metrics.Started(message with { Attempt = attempt }, GrainType, Services.Time.GetUtcNow());
            try
            {
                await subscriber.OnNextAsync(message with { Attempt = attempt });
                Handled(message, StreamMetrics.Handled, delivery);
            }
            catch (DuplicateDeliveryException)
            {
                Handled(message, StreamMetrics.Duplicate);
            }
            catch (Exception exception) when (exception is not EntityFenceException && delivery.Consumed)
            {
                // The effect committed; what failed after it must not run the message again.
                Handled(message, StreamMetrics.Handled);
                Logger.LogWarning("{GrainType} {GrainKey}: {Namespace} message {MessageId} took effect, then failed: {Error}", GrainType, EntityKey, message.Namespace, message.MessageId, exception.Message);
            }
            catch (Exception exception) when (exception is not EntityFenceException && !delivery.Consumed)
            {
                // A silo that is stopping fails for its own reasons: retried (by the queue's next
                // owner, if need be), never counted towards the message's dead letter.
                if (Services.Stopping || exception is OperationCanceledException or ObjectDisposedException)
                {
                    throw;
                }

                if (attempt < Services.StreamOptions.MaxAttempts)
                {
                    _attempts[message.RowId] = attempt;
                    Services.Metrics.Outcome(message, GrainType, StreamMetrics.Retry);
                    throw;
                }

                await Services.DeadLetters.AddAsync(message, GrainType, attempt, exception.ToString());
                Handled(message, StreamMetrics.DeadLetter);
                Logger.LogError("{GrainType} {GrainKey}: {Namespace} message {MessageId} failed {Attempts} times and is a dead letter now: {Error}",
                    GrainType, EntityKey, message.Namespace, message.MessageId, attempt, exception.Message);
            }
            finally
            {
                _delivery = null;
            }
        }
    }

    private async Task<bool> TryBatchAsync(IStreamBatchSubscriber subscriber, List<StreamEvent> messages)
    {
        if (messages.Count < 2)
        {
            return false;
        }

        var delivery = _delivery = new StreamDelivery(messages.Select(message => message.RowId).ToArray());
        var now = Services.Time.GetUtcNow();
        foreach (var message in messages)
        {
            Services.Metrics.Started(message, GrainType, now);
        }

        try
        {
            await subscriber.OnNextBatchAsync(messages);
            foreach (var message in messages)
            {
                Handled(message, StreamMetrics.Handled, delivery);
            }

            return true;
        }
        catch (Exception exception) when (exception is not EntityFenceException && !delivery.Consumed)
        {
            // One at a time from here, so that retries and dead letters are per message.
            Logger.LogDebug("{GrainType} {GrainKey}: a batch of {Count} messages failed ({Error}); delivering them one at a time", GrainType, EntityKey, messages.Count, exception.Message);
            return false;
        }
        finally
        {
            _delivery = null;
        }
    }

    /// <summary>
    /// The key's committed messages after <paramref name="messages"/> that this consumer has not handled, once the
    /// first of them waited <see cref="PostgresStreamOptions.BacklogAfter"/>: a batch subscriber that is behind takes its
    /// key's backlog in one unit of work. Orleans' agent reads a queue as messages commit, so the backlog sits in its
    /// cache as one container per read (in the ingest benchmark 1.1 messages per unit of work, against about 7 with this).
    /// The agent delivers those containers later all the same; this activation skips them as handled, and another one
    /// finds them consumed when it commits.
    /// </summary>
    private async Task<List<StreamEvent>> BacklogAfterAsync(List<StreamEvent> messages)
    {
        if (Services.Time.GetUtcNow() - messages[0].AppendedAt < Services.StreamOptions.BacklogAfter)
        {
            return [];
        }

        var later = await UnconsumedAsync("LaterUnconsumed", messages[^1], BacklogLimit);
        return [.. later.Where(message => !_handled.Contains(message.RowId))];
    }

    private async Task<List<StreamEvent>> EarlierUnconsumedAsync(StreamEvent first)
    {
        var earlier = await UnconsumedAsync("EarlierUnconsumed", first, 1000);
        if (earlier.Count > 0)
        {
            Logger.LogInformation("{GrainType} {GrainKey}: {Count} earlier messages of the key were not consumed yet; handling them first", GrainType, EntityKey, earlier.Count);
        }

        return earlier;
    }

    /// <summary>This consumer's unconsumed messages of <paramref name="position"/>'s stream before or after it (the query says which).</summary>
    private async Task<List<StreamEvent>> UnconsumedAsync(string query, StreamEvent position, int limit)
    {
        await using var command = Services.DataSource.CreateCommand(StreamSql.Get(query));
        command.Parameters.Add(new() { Value = position.Namespace });
        command.Parameters.Add(new() { Value = position.Key });
        command.Parameters.Add(new() { Value = position.Transaction.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new() { Value = position.RowId });
        command.Parameters.Add(new() { Value = GrainType });
        command.Parameters.Add(new() { Value = limit });
        var messages = new List<StreamEvent>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(StreamRows.Read(reader));
        }

        return messages;
    }

    private async Task<HashSet<long>> ConsumedAsync(long[] rowIds)
    {
        await using var command = Services.DataSource.CreateCommand(StreamSql.Get("Consumed"));
        command.Parameters.Add(new() { Value = rowIds });
        command.Parameters.Add(new() { Value = GrainType });
        var consumed = new HashSet<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            consumed.Add(reader.GetInt64(0));
        }

        return consumed;
    }

    /// <summary>
    /// Messages handled without a unit of work (nothing to commit) are recorded consumed too, before the delivery
    /// completes, so "not consumed" always means "not handled yet". The silo's recorder writes the records of
    /// concurrent deliveries together.
    /// </summary>
    private async Task RecordHandledWithoutUnitOfWorkAsync()
    {
        if (_handledWithoutUnitOfWork.Count == 0)
        {
            return;
        }

        await Services.ConsumptionRecorder.RecordAsync(_handledWithoutUnitOfWork.ToArray(), GrainType);
        _handledWithoutUnitOfWork.Clear();
    }

    private void Handled(StreamEvent message, string outcome, StreamDelivery? delivery = null)
    {
        if (delivery is { Consumed: false })
        {
            _handledWithoutUnitOfWork.Add(message.RowId);
        }

        Services.Metrics.Outcome(message, GrainType, outcome);
        var rowId = message.RowId;
        _attempts.Remove(rowId);
        if (_handled.Add(rowId))
        {
            _handledOrder.Enqueue(rowId);
            if (_handledOrder.Count > HandledMemory)
            {
                _handled.Remove(_handledOrder.Dequeue());
            }
        }
    }

    private ILogger Logger => _logger ??= ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(GetType());

    /// <summary>Receives the provider's containers as batches (a key's consecutive messages), in order.</summary>
    private sealed class Observer(EntityGrain grain) : IAsyncBatchObserver<StreamEvent>
    {
        public async Task OnNextAsync(IList<SequentialItem<StreamEvent>> items)
        {
            try
            {
                await grain.DeliverAsync(items);
            }
            catch (Exception exception) when (exception is not (StreamDeliveryException or EntityFenceException or DuplicateDeliveryException))
            {
                throw new StreamDeliveryException($"{exception.GetType().Name}: {exception.Message}");
            }
        }

        public Task OnCompletedAsync() => Task.CompletedTask;

        public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
    }
}
