using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Silo;

/// <summary>
/// Applies every module's migrations before the silo starts: registered ahead of Orleans, so the
/// host (which starts hosted services one after another) runs it first, and no grain, pulling
/// agent, gateway request or hosted service meets a table that is not there yet. (UsePostgres
/// applies the orleans module again at the silo's first lifecycle stage; it finds it applied.)
/// </summary>
public sealed class SchemaMigrations(NpgsqlDataSource dataSource, ILogger<SchemaMigrations> logger) : IHostedService
{
    /// <summary>Domain modules, each with its own migrations folder (src/Grains/Sql/Migrations/{module}).</summary>
    private static readonly string[] DomainModules = ["incentives", "reference_data", "transfers", "accounting_points", "finance"];

    public static IReadOnlyList<MigrationSource> Sources { get; } =
    [
        PostgresSchema.Orleans,
        PostgresStreams.Schema,
        EntityGrains.Schema,
        .. DomainModules.Select(module => new MigrationSource(module, typeof(OrleansSync.Grains.GrainsAssembly).Assembly)),

        // The API gateway's own tables (skipped events, SNS subscription messages).
        new MigrationSource("gateway", typeof(OrleansSync.Api.SyncApiExtensions).Assembly),
    ];

    public Task StartAsync(CancellationToken cancellationToken) => SchemaMigrator.MigrateAsync(dataSource, Sources, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
