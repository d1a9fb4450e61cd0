namespace OrleansSync.Postgres.Providers;

/// <summary>
/// The ADO.NET invariant the Orleans providers use for PostgreSQL. They resolve it themselves: the
/// providers map "Npgsql" to the Npgsql assembly and read <c>NpgsqlFactory.Instance</c> by
/// reflection, so no <c>DbProviderFactories.RegisterFactory</c> call is needed, only the Npgsql
/// assembly next to the application (this library references it).
/// </summary>
public static class PostgresInvariant
{
    public const string Name = "Npgsql";
}
