using OrleansSync.Runtime.Calls;
using OrleansSync.Runtime.Storage;

namespace OrleansSync.Runtime.Streams;

/// <summary>
/// Delivers one owned partition's pending stream messages. Messages are fetched in id order and
/// grouped by (subscriber, namespace, key): keys run in parallel, each key's messages strictly one
/// after another, and a failure stops that key until its retry is due. Because the queue is a
/// state per row rather than a cursor, a message committed late with a lower id is still found.
/// </summary>
internal sealed class PullingAgent(int partition, long epoch, SiloRuntime runtime, SemaphoreSlim deliveries)
{
    private const int MaxErrorLength = 4000;
    private const int MaxMessagesPerTurn = 100;
    private static readonly GrainMethod OnNext = GrainMethod.For(typeof(IStreamSubscriber).GetMethod(nameof(IStreamSubscriber.OnNextAsync))!);
    private static readonly GrainMethod OnNextBatch = GrainMethod.For(typeof(IStreamBatchSubscriber).GetMethod(nameof(IStreamBatchSubscriber.OnNextBatchAsync))!);

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public int Partition => partition;

    public void Start() => _loop = Task.Run(RunAsync);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    /// <summary>Stops after the batch in flight: its turns finish and their checkpoints commit.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task RunAsync()
    {
        var options = runtime.Options;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var batch = await FetchAsync();
                runtime.Metrics.StreamLagByPartition[partition] = batch.Count == 0 ? 0 : (runtime.Time.GetUtcNow() - batch.Min(m => m.AppendedAt)).TotalSeconds;
                if (batch.Count == 0)
                {
                    await WaitForWorkAsync(options.StreamPollInterval);
                    continue;
                }

                var processed = new ConcurrentBag<long>();
                var keys = batch.GroupBy(m => (m.Subscriber, m.Namespace, m.Key));
                await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = options.StreamKeyParallelism }, async (key, _) =>
                {
                    await deliveries.WaitAsync();
                    try
                    {
                        var messages = key.ToList();
                        if (messages.Count > 1 && runtime.Types.TakesBatches(key.Key.Subscriber) && await DeliverBatchesAsync(messages, processed))
                        {
                            return;
                        }

                        foreach (var message in messages)
                        {
                            // Once stopping, leave the rest pending for the partition's next owner.
                            if (_stopping.IsCancellationRequested || !await DeliverAsync(message, processed))
                            {
                                break;
                            }
                        }
                    }
                    finally
                    {
                        deliveries.Release();
                    }
                });

                if (!processed.IsEmpty)
                {
                    await runtime.Fence.RunAsync(runtime.DataSource, partition, epoch, async (connection, transaction) =>
                    {
                        await using var mark = new NpgsqlCommand(RuntimeSql.Streams("MarkProcessedBatch"), connection, transaction).With(processed.ToArray());
                        await mark.ExecuteNonQueryAsync();
                    }, CancellationToken.None);
                }
            }
            catch (LeaseLostException)
            {
                return;
            }
            catch (Exception exception) when (!_stopping.IsCancellationRequested)
            {
                runtime.Logger.LogWarning(exception, "Pulling agent of partition {Partition} failed; retrying", partition);
                await WaitForWorkAsync(options.StreamPollInterval);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Delivers a key's messages in turns of up to <see cref="MaxMessagesPerTurn"/>. Returns false
    /// if a turn failed (its unit of work rolled back): the caller then delivers that turn's and the
    /// later messages one at a time, so retries and dead letters stay per message.
    /// </summary>
    private async Task<bool> DeliverBatchesAsync(List<PendingMessage> messages, ConcurrentBag<long> processed)
    {
        for (var start = 0; start < messages.Count; start += MaxMessagesPerTurn)
        {
            if (_stopping.IsCancellationRequested)
            {
                return true;
            }

            var turn = messages.GetRange(start, Math.Min(MaxMessagesPerTurn, messages.Count - start));
            var checkpoint = new StreamCheckpoint([.. turn.Select(m => m.Id)]);
            var first = turn[0];
            try
            {
                await runtime.Router.InvokeAsync(new GrainId(first.Subscriber, first.Key), OnNextBatch, [turn.Select(ToEvent).ToList()], checkpoint);
            }
            catch (Exception exception) when (exception is not LeaseLostException)
            {
                runtime.Logger.LogDebug(exception, "{GrainType} {GrainKey}: a batch of {Count} failed; delivering them one at a time", first.Subscriber, first.Key, turn.Count);
                messages.RemoveRange(0, start);
                return false;
            }

            if (!checkpoint.Consumed)
            {
                // The turn wrote nothing durable: the agent records the messages as processed.
                foreach (var message in turn)
                {
                    processed.Add(message.Id);
                }
            }

            foreach (var message in turn)
            {
                runtime.Metrics.StreamDelivered(message.Namespace);
            }
        }

        return true;
    }

    private static StreamEvent ToEvent(PendingMessage message) =>
        new(message.Namespace, message.Key, message.MessageId, message.PayloadJson, message.AppendedAt, message.Attempts + 1);

    private async Task<bool> DeliverAsync(PendingMessage message, ConcurrentBag<long> processed)
    {
        var streamEvent = ToEvent(message);
        try
        {
            if (message.Subscriber.StartsWith(StreamSubscribers.WebhookPrefix, StringComparison.Ordinal))
            {
                await runtime.Webhooks.DeliverAsync(message.Subscriber[StreamSubscribers.WebhookPrefix.Length..], streamEvent);
                processed.Add(message.Id);
            }
            else
            {
                var checkpoint = new StreamCheckpoint([message.Id]);
                try
                {
                    await runtime.Router.InvokeAsync(new GrainId(message.Subscriber, message.Key), OnNext, [streamEvent], checkpoint);
                }
                catch (Exception exception) when (checkpoint.Consumed)
                {
                    // The effect committed (and with it the message); only what came after failed.
                    runtime.Logger.LogWarning(exception, "{GrainType} {GrainKey}: stream message {MessageId} was applied, then the handler threw; it is not retried", message.Subscriber, message.Key, message.MessageId);
                }

                if (!checkpoint.Consumed)
                {
                    processed.Add(message.Id);
                }
            }

            runtime.Metrics.StreamDelivered(message.Namespace);
            return true;
        }
        catch (DuplicateDeliveryException)
        {
            return true;
        }
        catch (LeaseLostException)
        {
            throw;
        }
        catch (Exception exception)
        {
            await RecordFailureAsync(message, exception);
            return false;
        }
    }

    private async Task RecordFailureAsync(PendingMessage message, Exception exception)
    {
        var options = runtime.Options;
        var error = $"{exception.GetType().Name}: {exception.Message}";
        if (error.Length > MaxErrorLength)
        {
            error = error[..MaxErrorLength];
        }

        // Exponential backoff with jitter, so retries of many keys that failed together spread out.
        var exponential = options.StreamRetryBackoff * Math.Pow(2, Math.Min(message.Attempts, 20));
        var backoff = TimeSpan.FromTicks(Math.Min(exponential.Ticks, options.StreamRetryBackoffMax.Ticks));
        backoff += backoff * (Random.Shared.NextDouble() * 0.2);

        string? state = null;
        await runtime.Fence.RunAsync(runtime.DataSource, partition, epoch, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(RuntimeSql.Streams("MarkFailed"), connection, transaction)
                .With(message.Id, error, options.StreamMaxAttempts, backoff);
            state = (string?)await command.ExecuteScalarAsync();
        }, CancellationToken.None);

        var deadLettered = state == "dead";
        runtime.Metrics.StreamFailed(message.Namespace, deadLettered);
        if (deadLettered)
        {
            runtime.Logger.LogError(exception, "{GrainType} {GrainKey}: stream message {MessageId} of {Namespace} is a dead letter after {Attempts} attempts", message.Subscriber, message.Key, message.MessageId, message.Namespace, message.Attempts + 1);
        }
        else
        {
            runtime.Logger.LogWarning("{GrainType} {GrainKey}: stream message {MessageId} of {Namespace} failed (attempt {Attempt}), retrying in {Backoff}: {Error}", message.Subscriber, message.Key, message.MessageId, message.Namespace, message.Attempts + 1, backoff, error);
        }
    }

    private async Task<List<PendingMessage>> FetchAsync()
    {
        await using var command = runtime.DataSource.CreateCommand(RuntimeSql.Streams("FetchPending")).With(partition, runtime.Options.StreamBatchSize);
        await using var reader = await command.ExecuteReaderAsync(_stopping.Token);
        var batch = new List<PendingMessage>();
        while (await reader.ReadAsync(_stopping.Token))
        {
            batch.Add(new PendingMessage(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt32(7)));
        }

        return batch;
    }

    private async Task WaitForWorkAsync(TimeSpan timeout)
    {
        try
        {
            await _wake.WaitAsync(timeout, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed record PendingMessage(long Id, string Namespace, string Key, string Subscriber, string MessageId, string PayloadJson, DateTimeOffset AppendedAt, int Attempts);
}
