using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Providers;

/// <summary>The schema modules this library ships, for <see cref="SchemaMigrator"/> and <see cref="PostgresSiloBuilderExtensions.AddPostgresMigrations"/>.</summary>
public static class PostgresSchema
{
    /// <summary>
    /// Tables, functions and <c>OrleansQuery</c> rows of Orleans' ADO.NET clustering, grain storage and
    /// reminders (<c>Sql/Migrations/orleans/</c>). Must be applied before a silo's membership starts;
    /// <see cref="PostgresSiloBuilderExtensions.UsePostgres"/> arranges that.
    /// </summary>
    public static MigrationSource Orleans { get; } = new("orleans", typeof(PostgresSchema).Assembly);
}
