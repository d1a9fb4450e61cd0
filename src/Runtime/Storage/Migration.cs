using System.Reflection;

namespace OrleansSync.Runtime.Storage;

/// <summary>A set of numbered migrations (<c>Sql/Migrations/NNNN_name.sql</c> embedded in an assembly) under a module name.</summary>
public sealed record MigrationSource(string Module, Assembly Assembly);
