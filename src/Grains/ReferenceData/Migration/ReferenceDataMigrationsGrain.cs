using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// Starts reference-data migrations and answers for them (key <see cref="IReferenceDataMigrationsGrain.Key"/>). Being one
/// grain, it starts runs one at a time; the database allows one in progress. A run reads the prisons its request names and
/// those of ReferenceData:Migration:PrisonIds, and the hub's level and other-privilege codes with any the request adds.
/// </summary>
[GrainType("reference-data.migrations")]
public sealed class ReferenceDataMigrationsGrain(
    NpgsqlDataSource database,
    IOptions<ReferenceDataMigrationOptions> options,
    TimeProvider time,
    ILogger<ReferenceDataMigrationsGrain> logger) : Grain, IReferenceDataMigrationsGrain
{
    async Task<StartReferenceDataMigrationResult> IReferenceDataMigrationsGrain.StartAsync(ReferenceDataMigrationRequest request)
    {
        var (running, hubCodes, hubPrivileges) = await Db.ReadAsync(database, async db =>
            (await ReferenceDataMigrations.RunningAsync(db), await ReferenceDataRows.AllLevelsAsync(db), await OtherPrivilegeRows.AllAsync(db)));
        if (running is not null && await GetAsync(running) is { } inProgress)
        {
            logger.LogInformation("{GrainType} {GrainKey}: migration {MigrationId} is in progress; not starting another", "reference-data.migrations", this.GetPrimaryKeyString(), running);
            return new StartReferenceDataMigrationResult(false, inProgress);
        }

        // The hub's own codes, then any the request adds: NOMIS cannot list its codes, so the run asks for each.
        var codes = hubCodes.Select(l => l.Code).Concat(request.LevelCodes).Distinct(StringComparer.Ordinal).ToList();
        var privilegeCodes = hubPrivileges.Select(p => p.Code).Concat(request.PrivilegeCodes).Distinct(StringComparer.Ordinal).ToList();
        var prisons = request.PrisonIds.Concat(options.Value.PrisonIds).Distinct(StringComparer.Ordinal).ToList();
        if (prisons.Count == 0)
        {
            return new StartReferenceDataMigrationResult(false, null);
        }

        // Version 7: ids sort by start time.
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        return new StartReferenceDataMigrationResult(true, await GrainFactory.GetGrain<IReferenceDataMigrationGrain>(id).StartAsync(new ReferenceDataMigrationRequest(prisons, codes, privilegeCodes)));
    }

    async Task<IReadOnlyList<ReferenceDataMigrationReport>> IReferenceDataMigrationsGrain.ListAsync(int limit) =>
        await Db.ReadAsync(database, async db =>
        {
            var reports = new List<ReferenceDataMigrationReport>();
            foreach (var run in await ReferenceDataMigrations.ListAsync(db, limit))
            {
                reports.Add(await ReferenceDataMigrations.ReportAsync(db, run, withItems: false));
            }

            return reports;
        });

    Task<ReferenceDataMigrationReport?> IReferenceDataMigrationsGrain.GetAsync(string migrationId) => GetAsync(migrationId);

    private Task<ReferenceDataMigrationReport?> GetAsync(string migrationId) =>
        Db.ReadAsync(database, async db => await ReferenceDataMigrations.GetAsync(db, migrationId) is { } run
            ? await ReferenceDataMigrations.ReportAsync(db, run, withItems: true)
            : null);
}
