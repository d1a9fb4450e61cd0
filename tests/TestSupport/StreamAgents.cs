using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Testing;

/// <summary>
/// Where the stream queues of a cluster are read: asks every silo, through the management grain,
/// how many pulling agents it runs.
/// </summary>
public static class StreamAgents
{
    /// <summary>
    /// Waits until the <paramref name="queues"/> queues are spread evenly over <paramref name="silos"/>
    /// silos (each runs ⌊q/n⌋ or ⌈q/n⌉ agents); returns the agents per silo.
    /// </summary>
    public static async Task<int[]> WaitUntilSpreadAsync(string connectionString, string clusterId, int silos, int queues, TimeSpan deadline)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UsePostgresClustering(connectionString)
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = SiloProcess.ServiceId;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var even = Enumerable.Range(0, silos).Select(silo => (queues / silos) + (silo < queues % silos ? 1 : 0)).Order().ToArray();
            return await WaitForAsync(host.Services.GetRequiredService<IClusterClient>(), even, deadline);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>
    /// Waits until the silos run <paramref name="expected"/> pulling agents (one count per silo, in
    /// ascending order); a timeout names the counts last seen.
    /// </summary>
    public static async Task<int[]> WaitForAsync(IGrainFactory grains, int[] expected, TimeSpan deadline)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        int[] agents = [];
        await Eventually.TrueAsync(
            async () =>
            {
                var answers = await management.SendControlCommandToProvider<PersistentStreamProvider>(
                    PostgresStreams.ProviderName, (int)PersistentStreamProviderCommand.GetNumberRunningAgents);
                agents = [.. answers.Select(answer => Convert.ToInt32(answer, CultureInfo.InvariantCulture)).Order()];
                return agents.SequenceEqual(expected);
            },
            deadline,
            $"pulling agents per silo {string.Join("/", expected)}",
            () => Task.FromResult($"last seen {string.Join("/", agents)}"));
        return agents;
    }
}
