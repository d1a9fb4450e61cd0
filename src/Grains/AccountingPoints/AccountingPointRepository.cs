using Npgsql;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// The SQL of one accounting point: writes take the grain's unit of work (fenced), reads take the data
/// source. One instance per grain activation.
/// </summary>
internal sealed class AccountingPointRepository(NpgsqlDataSource dataSource, AccountingPointsOptions options, string gsrn)
{
    private const int HistoryLimit = 10_000;

    /// <summary>The resync shard that dispatches this point, written with every due time.</summary>
    private readonly short _shard = (short)ResyncSchedule.Shard(gsrn, options.ResyncShards);

    /// <summary>Also moves a tracked point's periodic due time to <paramref name="nextResync"/> from now.</summary>
    public async Task<(long Version, DateTimeOffset StartedAt)> MarkStartedAsync(IUnitOfWork unitOfWork, TimeSpan nextResync)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("MarkStarted")).With(gsrn, nextResync, _shard);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Null when the version moved since the sync started.</summary>
    public async Task<(long Version, DateTimeOffset? NextSyncAt, DateTimeOffset? SyncRequestedAt)?> MarkSucceededAsync(
        IUnitOfWork unitOfWork, long expectedVersion, DateTimeOffset dataAsOf, DateTimeOffset validFrom)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("MarkSucceeded"))
            .With(gsrn, expectedVersion, dataAsOf, validFrom);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), reader.GetInstantOrNull(1), reader.GetInstantOrNull(2))
            : null;
    }

    public async Task<(int Attempts, long Version, bool Tracked, bool Held)?> MarkFailedAsync(IUnitOfWork unitOfWork, SyncOutcome outcome, string error)
    {
        var outcomeName = outcome == SyncOutcome.NotFound ? "not_found" : "failed";
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("MarkFailed")).With(gsrn, outcomeName, error);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt32(0), reader.GetInt64(1), reader.GetBoolean(2), reader.GetBoolean(3))
            : null;
    }

    public async Task DeleteSyncAsync(IUnitOfWork unitOfWork)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("DeleteSync")).With(gsrn);
        await command.ExecuteNonQueryAsync();
    }

    public async Task SetTrackedAsync(IUnitOfWork unitOfWork, bool tracked, TimeSpan? resyncPeriod, DateTimeOffset? nextResyncAt)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("SetTracked")).With(gsrn, tracked, resyncPeriod, nextResyncAt, _shard);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Returns when the scheduled sync is now due, and the delay until then.</summary>
    public async Task<(DateTimeOffset DueAt, TimeSpan Delay)> ScheduleSyncAsync(IUnitOfWork unitOfWork, TimeSpan delay, SyncTrigger trigger, DateTimeOffset? requestedAt)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("ScheduleSync"))
            .With(gsrn, delay, trigger.ToString(), requestedAt, _shard);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetFieldValue<DateTimeOffset>(0), reader.GetTimeSpan(1));
    }

    /// <summary>Clears the scheduled sync and returns what asked for it (null when none was scheduled).</summary>
    public async Task<SyncTrigger?> TakeScheduledSyncAsync(IUnitOfWork unitOfWork)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("TakeScheduledSync")).With(gsrn);
        var trigger = await command.ExecuteScalarAsync() as string;
        return Enum.TryParse<SyncTrigger>(trigger, out var parsed) ? parsed : null;
    }

    /// <summary>Whether the one-off sync and the periodic resync are due now (false, false without a row).</summary>
    public async Task<(bool Scheduled, bool Resync)> DueNowAsync()
    {
        await using var command = dataSource.CreateCommand(AccountingPointSql.Sync("DueNow")).With(gsrn);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (!reader.IsDBNull(0) && reader.GetBoolean(0), !reader.IsDBNull(1) && reader.GetBoolean(1))
            : (false, false);
    }

    public async Task CancelScheduledSyncAsync(IUnitOfWork unitOfWork)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("CancelScheduledSync")).With(gsrn);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The start of the dead sync it recorded, or null when the sync was not (or no longer) dead.</summary>
    public async Task<(DateTimeOffset Started, int Attempts)?> RecordDeadSyncAsync(IUnitOfWork unitOfWork)
    {
        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Sync("RecordDeadSync")).With(gsrn, options.DeadSyncAfter);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetFieldValue<DateTimeOffset>(0), reader.GetInt32(1)) : null;
    }

    public async Task<SyncRow?> ReadSyncAsync()
    {
        await using var command = dataSource.CreateCommand(AccountingPointSql.Sync("SelectSync"))
            .With(gsrn, options.DeadSyncAfter, options.MaxAge, options.FailingAfterAttempts);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var status = new AccountingPointSyncStatus(
            Gsrn: reader.GetString(0),
            State: SyncStates.Parse(reader.GetString(15)),
            Tracked: reader.GetBoolean(1),
            LastSyncStart: reader.GetInstantOrNull(3),
            LastSyncedAt: reader.GetInstantOrNull(4),
            DataAsOf: reader.GetInstantOrNull(5),
            ValidFrom: reader.GetInstantOrNull(6),
            Version: reader.GetInt64(7),
            Attempts: reader.GetInt32(8),
            LastOutcome: reader.GetStringOrNull(9),
            LastError: reader.GetStringOrNull(10),
            LastErrorAt: reader.GetInstantOrNull(11),
            NextSyncAt: reader.GetInstantOrNull(12),
            DeadSyncs: reader.GetInt32(13),
            LastDeadSyncAt: reader.GetInstantOrNull(14));
        return new SyncRow(status, reader.IsDBNull(2) ? null : reader.GetTimeSpan(2), reader.GetBoolean(16));
    }

    /// <summary>Earliest start among the point's units that are not terminated, and how many there are.</summary>
    public async Task<(DateOnly? EarliestStart, long Units)> ReadUnitsAsync()
    {
        await using var command = dataSource.CreateCommand(AccountingPointSql.Units("PointUnits")).With(gsrn);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0), reader.GetInt64(1));
    }

    /// <summary>Records the grid areas or suppliers ("RecordMeteringGridAreas", "RecordEnergySuppliers") the hub has not seen; returns those that were new.</summary>
    public async Task<IReadOnlyList<string>> RecordNewCodesAsync(IUnitOfWork unitOfWork, string query, IEnumerable<string> codes, string gsrn)
    {
        var distinct = codes.Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        await using var command = unitOfWork.CreateCommand(AccountingPointSql.Points(query)).With(distinct, gsrn);
        await using var reader = await command.ExecuteReaderAsync();
        var recorded = new List<string>();
        while (await reader.ReadAsync())
        {
            recorded.Add(reader.GetString(0));
        }

        return recorded;
    }

    /// <summary>Creates the point row or applies the location; returns its id and whether the location changed (a new point: whether it has one).</summary>
    public async Task<(long Id, bool Changed)> UpsertPointAsync(IUnitOfWork unitOfWork, LocationUpdate location)
    {
        long? id = null;
        double? latitude = null;
        double? longitude = null;
        await using (var select = unitOfWork.CreateCommand(AccountingPointSql.Points("SelectPointForUpdate")).With(gsrn))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            if (await reader.ReadAsync())
            {
                id = reader.GetInt64(0);
                latitude = reader.GetDoubleOrNull(1);
                longitude = reader.GetDoubleOrNull(2);
            }
        }

        if (id is null)
        {
            await using var insert = unitOfWork.CreateCommand(AccountingPointSql.Points("InsertPoint"))
                .With(gsrn, location.Keep ? null : location.Latitude, location.Keep ? null : location.Longitude);
            return ((long)(await insert.ExecuteScalarAsync())!, !location.Keep && location.Latitude is not null);
        }

        if (location.Keep || (latitude == location.Latitude && longitude == location.Longitude))
        {
            return (id.Value, false);
        }

        await using var update = unitOfWork.CreateCommand(AccountingPointSql.Points("UpdateLocation"))
            .With(id.Value, location.Latitude, location.Longitude);
        await update.ExecuteNonQueryAsync();
        return (id.Value, true);
    }

    public async Task<TimelinePlan<EndUserValue>> MergeEndUsersAsync(IUnitOfWork unitOfWork, long pointId, IReadOnlyList<TimelinePeriod<EndUserValue>> periods, DateTimeOffset validFrom)
    {
        var stored = new List<StoredPeriod<EndUserValue>>();
        await using (var select = unitOfWork.CreateCommand(AccountingPointSql.Points("LockEndUsers")).With(pointId))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(new StoredPeriod<EndUserValue>(
                    reader.GetInt64(0),
                    new EndUserValue(reader.GetString(1), reader.GetStringOrNull(2)),
                    reader.GetFieldValue<DateTimeOffset>(3),
                    reader.GetInstantOrNull(4)));
            }
        }

        var plan = TimelineMerge.Plan(stored, periods, validFrom);
        await DeleteAsync(unitOfWork, "DeleteEndUsers", plan.Deletes);
        if (plan.Updates.Count > 0)
        {
            await using var update = unitOfWork.CreateCommand(AccountingPointSql.Points("UpdateEndUsers")).With(
                plan.Updates.Select(u => u.Id).ToArray(),
                plan.Updates.Select(u => u.Value.BusinessId).ToArray(),
                plan.Updates.Select(u => u.Value.EntityType).ToArray(),
                plan.Updates.Select(u => u.To).ToArray());
            await update.ExecuteNonQueryAsync();
        }

        if (plan.Inserts.Count > 0)
        {
            await using var insert = unitOfWork.CreateCommand(AccountingPointSql.Points("InsertEndUsers")).With(
                pointId,
                plan.Inserts.Select(i => i.Value.BusinessId).ToArray(),
                plan.Inserts.Select(i => i.Value.EntityType).ToArray(),
                plan.Inserts.Select(i => (DateTimeOffset?)i.From).ToArray(),
                plan.Inserts.Select(i => i.To).ToArray());
            await insert.ExecuteNonQueryAsync();
        }

        return plan;
    }

    /// <summary>Energy suppliers ("EnergySuppliers") or metering grid areas ("MeteringGridAreas"): the same shape.</summary>
    public async Task<TimelinePlan<string>> MergeCodesAsync(IUnitOfWork unitOfWork, string table, long pointId, IReadOnlyList<TimelinePeriod<string>> periods, DateTimeOffset validFrom)
    {
        var stored = new List<StoredPeriod<string>>();
        await using (var select = unitOfWork.CreateCommand(AccountingPointSql.Points("Lock" + table)).With(pointId))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(new StoredPeriod<string>(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInstantOrNull(3)));
            }
        }

        var plan = TimelineMerge.Plan(stored, periods, validFrom);
        await DeleteAsync(unitOfWork, "Delete" + table, plan.Deletes);
        if (plan.Updates.Count > 0)
        {
            await using var update = unitOfWork.CreateCommand(AccountingPointSql.Points("Update" + table)).With(
                plan.Updates.Select(u => u.Id).ToArray(),
                plan.Updates.Select(u => u.Value).ToArray(),
                plan.Updates.Select(u => u.To).ToArray());
            await update.ExecuteNonQueryAsync();
        }

        if (plan.Inserts.Count > 0)
        {
            await using var insert = unitOfWork.CreateCommand(AccountingPointSql.Points("Insert" + table)).With(
                pointId,
                plan.Inserts.Select(i => i.Value).ToArray(),
                plan.Inserts.Select(i => (DateTimeOffset?)i.From).ToArray(),
                plan.Inserts.Select(i => i.To).ToArray());
            await insert.ExecuteNonQueryAsync();
        }

        return plan;
    }

    public async Task<AccountingPointDetails?> ReadDetailsAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        long id;
        AccountingPointLocation? location;
        DateTimeOffset recordedAt;
        await using (var select = new NpgsqlCommand(AccountingPointSql.Points("SelectPoint"), connection).With(gsrn))
        await using (var reader = await select.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                return null;
            }

            id = reader.GetInt64(0);
            location = reader.IsDBNull(1) || reader.IsDBNull(2) ? null : new AccountingPointLocation(reader.GetDouble(1), reader.GetDouble(2));
            recordedAt = reader.GetFieldValue<DateTimeOffset>(3);
        }

        var endUsers = await ReadListAsync(connection, "EndUsers", id, r =>
            new AccountingPointEndUser(r.GetString(0), r.GetStringOrNull(1), r.GetFieldValue<DateTimeOffset>(2), r.GetInstantOrNull(3)));
        var suppliers = await ReadListAsync(connection, "EnergySuppliers", id, r =>
            new AccountingPointEnergySupplier(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInstantOrNull(2)));
        var gridAreas = await ReadListAsync(connection, "MeteringGridAreas", id, r =>
            new AccountingPointMeteringGridArea(r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetInstantOrNull(2)));
        var sync = await ReadSyncAsync();
        return new AccountingPointDetails(gsrn, location, endUsers, suppliers, gridAreas, recordedAt, sync?.Status);
    }

    public async Task<AccountingPointHistory?> ReadHistoryAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        long id;
        await using (var select = new NpgsqlCommand(AccountingPointSql.Points("SelectPoint"), connection).With(gsrn))
        {
            if (await select.ExecuteScalarAsync() is not long found)
            {
                return null;
            }

            id = found;
        }

        await using var history = new NpgsqlCommand(AccountingPointSql.Points("History"), connection).With(id, HistoryLimit);
        await using var reader = await history.ExecuteReaderAsync();
        var entries = new List<AccountingPointHistoryEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(new AccountingPointHistoryEntry(
                Kind: reader.GetString(0),
                Operation: reader.GetString(1),
                RecordedAt: reader.GetFieldValue<DateTimeOffset>(2),
                RowId: reader.GetInt64(3),
                BusinessId: reader.GetStringOrNull(4),
                EntityType: reader.GetStringOrNull(5),
                ValidFrom: reader.GetInstantOrNull(6),
                ValidTo: reader.GetInstantOrNull(7),
                Latitude: reader.GetDoubleOrNull(8),
                Longitude: reader.GetDoubleOrNull(9)));
        }

        return new AccountingPointHistory(gsrn, entries);
    }

    private static async Task DeleteAsync(IUnitOfWork unitOfWork, string query, IReadOnlyList<long> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await using var delete = unitOfWork.CreateCommand(AccountingPointSql.Points(query)).With([ids.ToArray()]);
        await delete.ExecuteNonQueryAsync();
    }

    private static async Task<IReadOnlyList<T>> ReadListAsync<T>(NpgsqlConnection connection, string query, long pointId, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(AccountingPointSql.Points(query), connection).With(pointId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
