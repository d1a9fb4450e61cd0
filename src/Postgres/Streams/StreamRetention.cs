using Microsoft.Extensions.Hosting;

namespace OrleansSync.Postgres.Streams;

/// <summary>
/// Deletes delivered messages older than the retention window (which is also the de-duplication
/// window of appends), the consumption records they leave behind, and replayed or discarded dead
/// letters past the window. Runs on every silo; the deletes are idempotent and chunked.
/// </summary>
internal sealed class StreamRetention(NpgsqlDataSource dataSource, PostgresStreamOptions options, ILogger<StreamRetention> logger) : BackgroundService
{
    private const int Chunk = 5000;

    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Stream retention could not run, will try again: {Error}", exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<long> RunOnceAsync(CancellationToken cancellationToken)
    {
        long deleted = 0, chunk;
        do
        {
            await using var command = dataSource.CreateCommand(StreamSql.Get("DeleteDelivered"));
            command.Parameters.Add(new() { Value = options.Retention });
            command.Parameters.Add(new() { Value = Chunk });
            chunk = await command.ExecuteNonQueryAsync(cancellationToken);
            deleted += chunk;
        }
        while (chunk == Chunk);

        await using (var consumed = dataSource.CreateCommand(StreamSql.Get("DeleteConsumedBefore")))
        {
            await consumed.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var dead = dataSource.CreateCommand(StreamSql.Get("DeleteFinishedDeadLetters")))
        {
            dead.Parameters.Add(new() { Value = options.Retention });
            await dead.ExecuteNonQueryAsync(cancellationToken);
        }

        if (deleted > 0)
        {
            logger.LogDebug("Stream retention deleted {Count} delivered messages", deleted);
        }

        return deleted;
    }
}
