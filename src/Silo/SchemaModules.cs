using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Silo;

/// <summary>
/// The migration modules a silo applies when it starts, after Orleans' own (UsePostgres applies
/// them at the silo's first lifecycle stage, before membership, storage, reminders, grains, pulling
/// agents, and before the gateway's hosted services, which start after the silo).
/// </summary>
public static class SchemaModules
{
    /// <summary>Domain modules, each with its own migrations folder (src/Grains/Sql/Migrations/{module}).</summary>
    private static readonly string[] DomainModules = ["incentives", "reference_data", "transfers", "accounting_points", "finance"];

    public static MigrationSource[] All { get; } =
    [
        PostgresStreams.Schema,
        EntityGrains.Schema,
        .. DomainModules.Select(module => new MigrationSource(module, typeof(OrleansSync.Grains.GrainsAssembly).Assembly)),

        // The API gateway's own tables (skipped events, SNS subscription messages).
        new MigrationSource("gateway", typeof(OrleansSync.Api.SyncApiExtensions).Assembly),
    ];
}
