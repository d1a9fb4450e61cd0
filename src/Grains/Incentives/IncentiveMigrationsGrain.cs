using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.Incentives.Nomis;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// Starts incentive migrations and answers for them (key <see cref="IncentiveGrainKeys.Domain"/>). Being
/// one grain, it hands out migration ids one at a time; the database allows one run in progress.
/// </summary>
[GrainType("incentives.migrations")]
public sealed class IncentiveMigrationsGrain(
    NpgsqlDataSource database,
    NomisPrisonerApiClient nomis,
    TimeProvider time,
    ILogger<IncentiveMigrationsGrain> logger) : Grain, IIncentiveMigrationsGrain
{
    /// <summary>prisoner-from-nomis-migration's migration id: the start time as an ISO local date-time, which fits the mapping label (20).</summary>
    private const string IdFormat = "yyyy-MM-dd'T'HH:mm:ss";

    async Task<StartMigrationResult> IIncentiveMigrationsGrain.StartAsync(MigrationFilter filter)
    {
        var (running, latest) = await Db.ReadAsync(database, async db => (await IncentiveMigrations.RunningAsync(db), await IncentiveMigrations.LatestIdAsync(db)));
        if (running is not null && await Db.ReadAsync(database, db => IncentiveMigrations.GetAsync(db, running)) is { } inProgress)
        {
            return new StartMigrationResult(false, inProgress);
        }

        long? estimated = null;
        try
        {
            estimated = (await nomis.GetIncentiveIdsAsync(filter.FromDate, filter.ToDate, 0, 1)).TotalElements;
        }
        catch (NomisApiException exception)
        {
            // The run counts them itself from its first page.
            logger.LogWarning("{GrainType} {GrainKey}: could not estimate the migration's size: {Error}", "incentives.migrations", this.GetPrimaryKeyString(), exception.Message);
        }

        var id = NextId(latest);
        var migration = await GrainFactory.GetGrain<IIncentiveMigrationGrain>(id).StartAsync(filter, estimated);
        return new StartMigrationResult(true, migration);
    }

    async Task<IReadOnlyList<IncentiveMigration>> IIncentiveMigrationsGrain.GetHistoryAsync(MigrationHistoryQuery query) =>
        await Db.ReadAsync(database, db => IncentiveMigrations.HistoryAsync(db, query));

    Task<IncentiveMigration?> IIncentiveMigrationsGrain.GetAsync(string migrationId) =>
        Db.ReadAsync(database, db => IncentiveMigrations.GetAsync(db, migrationId));

    async Task<IReadOnlyList<IncentiveMigrationFailure>> IIncentiveMigrationsGrain.GetFailuresAsync(string migrationId, int offset, int limit) =>
        await Db.ReadAsync(database, db => IncentiveMigrations.FailuresAsync(db, migrationId, offset, limit));

    /// <summary>Now, to the second; a second later than the latest id if that is not later already, so ids stay unique and ordered.</summary>
    private string NextId(string? latest)
    {
        var now = LondonTime.Now(time);
        if (latest is not null && DateTime.TryParseExact(latest, IdFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var previous) && previous >= now)
        {
            now = previous.AddSeconds(1);
        }

        return now.ToString(IdFormat, CultureInfo.InvariantCulture);
    }
}
