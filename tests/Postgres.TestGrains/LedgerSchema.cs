using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>The test grains' own tables (module <c>test_ledger</c>), applied by the same migrator as the library's modules.</summary>
public static class LedgerSchema
{
    public static MigrationSource Migrations { get; } = new("test_ledger", typeof(LedgerSchema).Assembly);
}
