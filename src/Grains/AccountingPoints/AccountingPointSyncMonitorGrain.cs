using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The singleton sweeper: every SweepInterval it looks for dead syncs (last_sync_start older than
/// DeadSyncAfter: the silo died mid-sync, or could not even record the failure), counts and logs each,
/// and pokes the point's grain, which records the dead sync as a failed attempt and retries. It also
/// repairs tracking flags that disagree with the units. Reads only; every write is the point grain's.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class AccountingPointSyncMonitorGrain(
    NpgsqlDataSource dataSource,
    AccountingPointsMetrics metrics,
    IOptions<AccountingPointsOptions> options,
    IOptions<ReminderOptions> reminderOptions,
    ILogger<AccountingPointSyncMonitorGrain> logger) : Grain, IAccountingPointSyncMonitorGrain, IRemindable
{
    private const string GrainTypeName = "accounting_points.sync_monitor";

    public const string SweepReminder = "sweep";

    /// <summary>Rows handled per sweep; the next sweep takes the rest.</summary>
    private const int SweepBatch = 500;

    /// <summary>Point grains poked at once, so a sweep after an outage does not flood the silo.</summary>
    private const int PokeParallelism = 8;

    private const int ListLimit = 100;

    private readonly AccountingPointsOptions _options = options.Value;

    Task IAccountingPointSyncMonitorGrain.StartAsync() =>
        this.RegisterOrUpdateReminder(SweepReminder, _options.SweepInterval, _options.SweepInterval.AtLeastMinimum(reminderOptions.Value.MinimumReminderPeriod));

    Task<DeadSyncSweep> IAccountingPointSyncMonitorGrain.SweepAsync() => SweepAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder)
        {
            await SweepAsync();
        }
    }

    async Task<AccountingPointSyncSummary> IAccountingPointSyncMonitorGrain.GetSummaryAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var byState = SyncStates.Names.ToDictionary(name => name, _ => 0L, StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(AccountingPointSql.Sync("CountByState"), connection)
            .With(_options.DeadSyncAfter, _options.MaxAge, _options.FailingAfterAttempts))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                byState[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        DateTimeOffset at;
        long points, tracked, deadSyncsFound;
        await using (var command = new NpgsqlCommand(AccountingPointSql.Sync("Totals"), connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            at = reader.GetFieldValue<DateTimeOffset>(0);
            points = reader.GetInt64(1);
            tracked = reader.GetInt64(2);
            deadSyncsFound = reader.GetInt64(3);
        }

        var oldestRows = await ReadAsync(connection, "OldestSync", [], r => new OldestSync(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1)));
        var oldest = oldestRows.Count > 0 ? oldestRows[0] : null;
        var dead = await ReadAsync(connection, "DeadSyncs", [_options.DeadSyncAfter, ListLimit], r =>
            new DeadSync(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2)));
        var failing = await ReadAsync(connection, "FailingPoints", [_options.FailingAfterAttempts, ListLimit], r =>
            new FailingAccountingPoint(r.GetString(0), r.GetInt32(1), r.GetStringOrNull(2), r.GetStringOrNull(3), r.GetInstantOrNull(4), r.GetInstantOrNull(5), r.GetInstantOrNull(6)));
        var recent = await ReadAsync(connection, "RecentDeadSyncs", [ListLimit], r =>
            new RecoveredDeadSync(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2)));
        return new AccountingPointSyncSummary(at, points, tracked, byState, oldest, dead, failing, recent, deadSyncsFound);
    }

    private async Task<DeadSyncSweep> SweepAsync()
    {
        IReadOnlyList<DeadSync> dead;
        IReadOnlyList<string> mismatched;
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            dead = await ReadAsync(connection, "DeadSyncs", [_options.DeadSyncAfter, SweepBatch], r =>
                new DeadSync(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInt32(2)));
            mismatched = await ReadAsync(connection, "TrackingMismatches", [SweepBatch, _options.ResyncPeriod], r => r.GetString(0));
        }

        foreach (var sync in dead)
        {
            metrics.DeadSyncFound();
            logger.LogWarning(
                "{GrainType} {GrainKey} found a dead sync of accounting point {Gsrn}: started at {StartedAt:O}, never finished",
                GrainTypeName, this.GetPrimaryKeyString(), sync.Gsrn, sync.LastSyncStart);
        }

        var recovered = 0;
        // The loop's bodies run on the thread pool, outside this activation, where Grain.GrainFactory is not available.
        var grains = GrainFactory;
        await Parallel.ForEachAsync(dead, new ParallelOptions { MaxDegreeOfParallelism = PokeParallelism }, async (sync, _) =>
        {
            try
            {
                if (await grains.GetGrain<IAccountingPointGrain>(sync.Gsrn).RecoverDeadSyncAsync())
                {
                    Interlocked.Increment(ref recovered);
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{GrainType} {GrainKey} could not hand dead sync of {Gsrn} back to its grain; the next sweep retries", GrainTypeName, this.GetPrimaryKeyString(), sync.Gsrn);
            }
        });

        var repaired = 0;
        await Parallel.ForEachAsync(mismatched, new ParallelOptions { MaxDegreeOfParallelism = PokeParallelism }, async (gsrn, _) =>
        {
            try
            {
                await grains.GetGrain<IAccountingPointGrain>(gsrn).ControllableUnitsChangedAsync(syncNow: false);
                Interlocked.Increment(ref repaired);
                logger.LogWarning("{GrainType} {GrainKey} repaired tracking of accounting point {Gsrn} (it disagreed with its controllable units)", GrainTypeName, this.GetPrimaryKeyString(), gsrn);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "{GrainType} {GrainKey} could not repair tracking of {Gsrn}; the next sweep retries", GrainTypeName, this.GetPrimaryKeyString(), gsrn);
            }
        });

        return new DeadSyncSweep(dead.Count, recovered, repaired);
    }

    private static async Task<IReadOnlyList<T>> ReadAsync<T>(NpgsqlConnection connection, string query, object?[] parameters, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(AccountingPointSql.Sync(query), connection).With(parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
