using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Providers;

/// <summary>What <see cref="SchemaMigrationStartup"/> applies when a silo starts.</summary>
public sealed class PostgresMigrationOptions
{
    /// <summary>The database to migrate; set by <see cref="PostgresSiloBuilderExtensions.UsePostgres"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Modules in the order they are applied: <see cref="PostgresSchema.Orleans"/> first, then the host's.</summary>
    public IList<MigrationSource> Sources { get; } = [];
}
