using System.Reflection;

namespace OrleansSync.Postgres.Migrations;

/// <summary>The numbered migrations of one module: <c>Sql/Migrations/{Module}/NNNN_name.sql</c> embedded in an assembly. Module names are identifiers (letters, digits, underscores).</summary>
public sealed record MigrationSource(string Module, Assembly Assembly);
