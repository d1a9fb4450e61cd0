using OrleansSync.Postgres.Embedded;

namespace OrleansSync.Silo;

/// <summary>
/// The newcomer's default: with no ConnectionStrings:OrleansSync configured, the silo starts a
/// private PostgreSQL from the installed binaries (data under Silo:DataDirectory/postgres) and
/// stops it after everything else has stopped.
/// </summary>
public static class EmbeddedPostgresHosting
{
    /// <summary>Returns whether the embedded server was started (the default run).</summary>
    public static async Task<bool> AddEmbeddedPostgresWhenUnconfiguredAsync(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(SiloHosting.ConnectionStringName)))
        {
            return false;
        }

        var options = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        // The server outlives the host's own logging, so it gets a logger factory of its own,
        // disposed after the server has stopped.
        var loggerFactory = LoggerFactory.Create(logging => logging.AddConsole());
        var logger = loggerFactory.CreateLogger("OrleansSync.Silo.EmbeddedPostgres");
        var postgres = await EmbeddedPostgres.StartAsync(Path.GetFullPath(Path.Combine(options.DataDirectory, "postgres")), logger);

        // A silo killed with -9 must not leave its PostgreSQL running; the data stays.
        postgres.StopWhenProcessEnds(deleteData: false);
        builder.Configuration[$"ConnectionStrings:{SiloHosting.ConnectionStringName}"] = postgres.ConnectionString;

        // Registered before the silo, so the host stops it after the silo (hosted services stop in reverse).
        builder.Services.AddHostedService(_ => new EmbeddedPostgresLifetime(postgres, loggerFactory));
        return true;
    }

    private sealed class EmbeddedPostgresLifetime(EmbeddedPostgres postgres, ILoggerFactory loggerFactory) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await postgres.StopAsync();
            loggerFactory.Dispose();
        }
    }
}
