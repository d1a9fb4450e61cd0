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
/// Where the stream queues of a cluster of <see cref="SiloProcess"/>es are read: asks every silo,
/// through an Orleans client and the management grain, how many pulling agents it runs.
/// </summary>
public static class StreamAgents
{
    /// <summary>Waits until each of <paramref name="silos"/> silos runs some agents and together they run one per queue; returns the agents per silo.</summary>
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
            var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
            int[] agents = [];
            await Eventually.TrueAsync(
                async () =>
                {
                    var answers = await management.SendControlCommandToProvider<PersistentStreamProvider>(
                        PostgresStreams.ProviderName, (int)PersistentStreamProviderCommand.GetNumberRunningAgents);
                    agents = [.. answers.Select(answer => Convert.ToInt32(answer, CultureInfo.InvariantCulture))];
                    return agents.Length == silos && agents.All(count => count > 0) && agents.Sum() == queues;
                },
                deadline,
                $"the {queues} queues spread over {silos} silos");
            return agents;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
