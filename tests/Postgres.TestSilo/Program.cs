using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using OrleansSync.Postgres;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.TestSilo;
using OrleansSync.Postgres.Tests.Streams.Grains;

// An Orleans silo on PostgreSQL with the stream test grains, for tests that kill real processes.
// Settings: see TestSiloSettings. Prints "ready" once the silo has started, then runs until it is
// stopped or killed.
var builder = Host.CreateApplicationBuilder(args);
TestSiloSettings settings;
try
{
    settings = TestSiloSettings.Read(builder.Configuration);
}
catch (InvalidOperationException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

builder.Logging.ClearProviders()
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss.fff ";
        console.UseUtcTimestamp = true;
    })
    .SetMinimumLevel(LogLevel.Warning)

    // Suspicions, votes and death declarations are logged at Information: the failover test reads
    // them to check that no live silo was suspected.
    .AddFilter("Orleans.Runtime.MembershipService", LogLevel.Information);

builder.Services.AddPostgresDataSources(settings.ConnectionString);
builder.Services.AddEntityGrains();
builder.UseOrleans(silo =>
{
    silo.Configure<ClusterOptions>(cluster =>
    {
        cluster.ClusterId = settings.ClusterId;
        cluster.ServiceId = "orleanssync-test";
    });
    silo.ConfigureEndpoints(IPAddress.Loopback, settings.SiloPort, settings.GatewayPort);
    silo.UsePostgres(settings.ConnectionString);
    silo.AddPostgresMigrations(PostgresStreams.Schema, EntityGrains.Schema, LedgerSchema.Migrations);
    silo.AddPostgresStreams(builder.Configuration, [typeof(LedgerGrain).Assembly]);
    if (settings.Membership == TestSiloSettings.FastMembership)
    {
        silo.UseFastFailureDetection();
    }
});

using var host = builder.Build();
await host.StartAsync();
Console.WriteLine($"ready {settings.SiloPort} membership={settings.Membership}");

if (settings.ParentProcessId is { } parentId)
{
    _ = Task.Run(async () =>
    {
        try
        {
            using var parent = Process.GetProcessById(parentId);
            await parent.WaitForExitAsync();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        Console.Error.WriteLine($"parent process {parentId} is gone; stopping");
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
    });
}

await host.WaitForShutdownAsync();
return 0;
