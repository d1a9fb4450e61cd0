using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Runtime.Hosting;

public static class RuntimeServiceCollectionExtensions
{
    /// <summary>The connection string name the runtime reads (ConnectionStrings:OrleansSync).</summary>
    public const string ConnectionStringName = "OrleansSync";

    /// <summary>
    /// Adds a silo: options from the "Runtime" section, the database from ConnectionStrings:OrleansSync
    /// (unless an NpgsqlDataSource is registered already), grains, and a hosted service that starts and
    /// gracefully stops it.
    /// </summary>
    public static IServiceCollection AddSyncRuntime(this IServiceCollection services, IConfiguration configuration, Action<RuntimeBuilder> build, Action<RuntimeOptions>? configure = null)
    {
        var builder = new RuntimeBuilder();
        build(builder);

        var options = new RuntimeOptions();
        configuration.GetSection(RuntimeOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddHttpClient(Streams.WebhookSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));

        // Silo-to-silo calls: pooled keep-alive connections; the router applies the call timeout.
        services.AddHttpClient(Calls.RemoteGrainInvoker.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2), ConnectTimeout = TimeSpan.FromSeconds(2) });
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.")));
        services.AddSingleton(sp => new SiloRuntime(
            options,
            sp.GetRequiredService<NpgsqlDataSource>(),
            builder.Types,
            builder.Migrations,
            sp,
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().GrainFactory);
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().StreamProducer);
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().DeadLetters);
        services.AddSingleton(sp => sp.GetRequiredService<SiloRuntime>().ClusterStatistics);
        services.AddHostedService<SiloHostedService>();
        return services;
    }
}
