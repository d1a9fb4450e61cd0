using System.Reflection;
using System.Text.RegularExpressions;

namespace OrleansSync.Postgres.Migrations;

/// <summary>
/// Applies numbered .sql migrations (<c>Sql/Migrations/{module}/NNNN_name.sql</c>, embedded) at
/// start-up, module by module, each in its own transaction, recording what ran.
/// A session advisory lock serialises silos that start at the same moment: the second waits, then
/// finds everything applied. Migrations are append-only: a shipped file is never edited.
/// </summary>
public static partial class SchemaMigrator
{
    private const long AdvisoryLockKey = 0x4F53_594E_4301; // "OSYNC" + 1: one lock for all migrations.

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, IEnumerable<MigrationSource> sources, ILogger logger, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, null, "select pg_advisory_lock($1)", cancellationToken, AdvisoryLockKey);
        try
        {
            await Execute(connection, null, """
                create table if not exists rt_schema_migration (
                    module     text not null,
                    version    int not null,
                    name       text not null,
                    applied_at timestamptz not null default now(),
                    primary key (module, version))
                """, cancellationToken);

            foreach (var source in sources)
            {
                var applied = await AppliedVersions(connection, source.Module, cancellationToken);
                foreach (var (version, name, resource) in Discover(source))
                {
                    if (applied.Contains(version))
                    {
                        continue;
                    }

                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await Execute(connection, transaction, SqlScripts.ReadResource(source.Assembly, resource), cancellationToken);
                    await Execute(connection, transaction, "insert into rt_schema_migration (module, version, name) values ($1, $2, $3)", cancellationToken, source.Module, version, name);
                    await transaction.CommitAsync(cancellationToken);
                    logger.LogInformation("Applied migration {Module} {Version:0000} {Name}", source.Module, version, name);
                }
            }
        }
        finally
        {
            await Execute(connection, null, "select pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    private static IEnumerable<(int Version, string Name, string Resource)> Discover(MigrationSource source) =>
        source.Assembly.GetManifestResourceNames()
            .Select(resource => (resource, match: MigrationName().Match(resource)))
            .Where(x => x.match.Success && x.match.Groups["module"].Value == source.Module)
            .Select(x => (int.Parse(x.match.Groups["version"].Value), x.match.Groups["name"].Value, x.resource))
            .OrderBy(x => x.Item1);

    private static async Task<HashSet<int>> AppliedVersions(NpgsqlConnection connection, string module, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version from rt_schema_migration where module = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = module });
        var versions = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"\.Migrations\.(?<module>\w+)\.(?<version>\d{4})_(?<name>\w+)\.sql$")]
    private static partial Regex MigrationName();
}
