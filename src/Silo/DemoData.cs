using OrleansSync.Grains.AccountingPoints;
using OrleansSync.Grains.Hosting;
using OrleansSync.Grains.Incentives;
using OrleansSync.Grains.ReferenceData.Migration;
using OrleansSync.Simulators.Datahub;
using OrleansSync.Simulators.Nomis;
using OrleansSync.Simulators.Tenure;

namespace OrleansSync.Silo;

/// <summary>
/// <c>./run.sh --demo</c> (Silo:Demo): once the silo is up, gives the co-hosted simulators data and
/// sets each flow moving, so a newcomer can watch it on the dashboard: NOMIS gets prisoners with
/// incentive history, which the one-time migration brings into the hub; a few NOMIS users then
/// record new IEPs (offender events into the hub); a set of accounting points is looked up, so
/// each is fetched from the adapter and stored with its history; Hackney's tenure API creates
/// tenures, whose events make finance accounts (and rows of the interim finance workbook). The simulators keep their data in memory, so this
/// runs on every start; the hub's migration skips what it already holds.
/// </summary>
internal sealed class DemoData(
    IServiceProvider services,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    ILogger<DemoData> logger) : BackgroundService
{
    public const string SettingKey = "Silo:Demo";

    private const int Prisoners = 25;
    private const int LiveIeps = 3;
    private const int AccountingPoints = 20;
    private const int Tenures = 5;

    public static WebApplicationBuilder AddWhenRequested(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue(SettingKey, false))
        {
            builder.Services.AddHostedService<DemoData>();
        }

        return builder;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(lifetime, stoppingToken);

        if (services.GetService<NomisSimulator>() is not { } nomis
            || services.GetService<DatahubAdapterSimulator>() is not { } datahub
            || services.GetService<TenureSimulator>() is not { } tenure)
        {
            logger.LogWarning("{Setting} is set but the simulators are off (Silo:Simulators); no demo data was seeded", SettingKey);
            return;
        }

        try
        {
            await SeedIncentivesAsync(nomis);
            await MigrateReferenceDataAsync();
            await SeedAccountingPointsAsync(datahub, stoppingToken);
            SeedTenures(tenure);
        }
        catch (Exception problem) when (!stoppingToken.IsCancellationRequested)
        {
            // The demo is a convenience: the system runs on without it.
            logger.LogError(problem, "Seeding the demo data failed");
        }
    }

    private async Task SeedIncentivesAsync(NomisSimulator nomis)
    {
        var seeded = nomis.Store.BulkSeed(new BulkSeedRequest { Count = Prisoners, IncentivesPerPrisoner = 3, PrisonId = "MDI", Seed = 7 });
        var migration = await grains.GetGrain<IIncentiveMigrationsGrain>(IncentiveGrainKeys.Domain).StartAsync(new MigrationFilter(null, null));
        logger.LogInformation(
            "Demo: NOMIS holds {Prisoners} prisoners with {Ieps} IEPs; migration {MigrationId} brings them into the hub (GET /migrate/incentives/history)",
            seeded.PrisonerCount, seeded.IncentiveCount, migration.Migration.MigrationId);

        foreach (var prisoner in seeded.Prisoners.Take(LiveIeps))
        {
            nomis.Store.RecordIepAsNomisUser(prisoner.PrisonerNumber, new RecordIepRequest { IepLevel = "ENH", Comment = "Demo: recorded on the NOMIS IEP screen" });
        }

        logger.LogInformation("Demo: NOMIS users recorded new IEPs for {Prisoners}; their offender events sync them to the hub (GET /incentive-reviews/prisoner/{{prisonerNumber}})",
            string.Join(", ", seeded.Prisoners.Take(LiveIeps).Select(p => p.PrisonerNumber)));
    }

    /// <summary>The NOMIS simulator starts with Basic, Standard (the default) and Enhanced in each of its prisons: a few are migrated.</summary>
    private async Task MigrateReferenceDataAsync()
    {
        var started = await grains.GetGrain<IReferenceDataMigrationsGrain>(IReferenceDataMigrationsGrain.Key)
            .StartAsync(new ReferenceDataMigrationRequest(["MDI", "LEI", "WAI"], [], []));
        logger.LogInformation("Demo: reference-data migration {MigrationId} brings the levels of MDI, LEI and WAI from NOMIS into the hub (GET /incentive/reference-data/migration)",
            started.Migration?.MigrationId);
    }

    private async Task SeedAccountingPointsAsync(DatahubAdapterSimulator datahub, CancellationToken cancellationToken)
    {
        var gsrns = datahub.Store.ListGsrns().Take(AccountingPoints).ToList();
        await Parallel.ForEachAsync(gsrns, cancellationToken, async (gsrn, _) => await grains.GetGrain<IAccountingPointGrain>(gsrn).LookupAsync());
        logger.LogInformation("Demo: {Count} accounting points were looked up and synced (GET /accounting-points/sync-status, GET /accounting-points/{{gsrn}}), e.g. {Gsrn}", gsrns.Count, gsrns.FirstOrDefault());
    }

    private void SeedTenures(TenureSimulator tenure)
    {
        for (var n = 1; n <= Tenures; n++)
        {
            tenure.Store.Create(new TenureInformation
            {
                PaymentReference = $"DEMO{n:D6}",
                StartOfTenureDate = DateTime.UtcNow.Date.AddDays(-30 * n),
                TenureType = new TenureCodeDescription("SEC", "Secure"),
                TenuredAsset = new TenuredAsset(Guid.NewGuid(), "Dwelling", $"{n} Demo Street E8 1AA", $"10000000{n}", $"0000{n:D4}"),
                HouseholdMembers = [new HouseholdMember(Guid.NewGuid(), "Person", $"Demo Tenant {n}", true, new DateTime(1980, 1, n), "Tenant")],
            });
        }

        logger.LogInformation("Demo: the tenure API created {Count} tenures; their events make finance accounts (GET /finance/status, GET /finance/spreadsheet)", Tenures);
    }
}
