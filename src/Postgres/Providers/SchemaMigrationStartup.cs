using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Providers;

/// <summary>
/// Applies the registered migrations at <see cref="ServiceLifecycleStage.First"/>, before membership
/// (RuntimeInitialize) reads <c>OrleansQuery</c> and before storage and reminders initialise. Silos
/// starting together serialise on <see cref="SchemaMigrator"/>'s advisory lock: the first applies,
/// the others wait and then find every version recorded.
/// </summary>
internal sealed class SchemaMigrationStartup(IOptions<PostgresMigrationOptions> options, ILogger<SchemaMigrationStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigrationStartup), ServiceLifecycleStage.First, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            throw new InvalidOperationException($"{nameof(PostgresMigrationOptions)}.{nameof(PostgresMigrationOptions.ConnectionString)} is not set; call UsePostgres(connectionString) on the silo builder.");
        }

        await using var dataSource = NpgsqlDataSource.Create(settings.ConnectionString);
        await SchemaMigrator.MigrateAsync(dataSource, settings.Sources.Distinct(), logger, cancellationToken);
    }
}
