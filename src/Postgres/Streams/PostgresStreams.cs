using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.Providers;
using OrleansSync.Postgres.Migrations;
using OrleansSync.Postgres.Webhooks;

namespace OrleansSync.Postgres.Streams;

/// <summary>Registration of the PostgreSQL stream provider on a silo, and of its producer side on a gateway.</summary>
public static class PostgresStreams
{
    /// <summary>The Orleans stream provider name every grain subscribes through.</summary>
    public const string ProviderName = "postgres";

    /// <summary>The provider's tables (module <c>streams</c>).</summary>
    public static MigrationSource Schema { get; } = new("streams", typeof(PostgresStreams).Assembly);

    /// <summary>
    /// The producer side only (appends, dead letters, subscription look-ups): what a gateway needs.
    /// Expects the data sources of <see cref="PostgresDataSource.AddPostgresDataSources"/> in the container.
    /// </summary>
    public static IServiceCollection AddPostgresStreamProducer(this IServiceCollection services, IConfiguration configuration, IEnumerable<Assembly> grainAssemblies)
    {
        services.TryAddSingleton(_ =>
        {
            var options = configuration.GetSection(PostgresStreamOptions.Section).Get<PostgresStreamOptions>() ?? new PostgresStreamOptions();
            options.Validate();
            return options;
        });
        services.TryAddSingleton(sp => new StreamQueueMap(ProviderName, sp.GetRequiredService<PostgresStreamOptions>().QueueCount));
        services.TryAddSingleton(new StreamSubscriptions(grainAssemblies));
        services.TryAddSingleton(new OutboxWebhooks(configuration.GetSection(WebhookOptions.Section).Get<List<WebhookOptions>>() ?? []));
        services.AddHttpClient(OutboxWebhookGrain.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<PostgresStreamProducer>();
        services.TryAddSingleton<IStreamProducer>(sp => sp.GetRequiredService<PostgresStreamProducer>());
        services.TryAddSingleton<PostgresDeadLetters>();
        services.TryAddSingleton<IDeadLetters>(sp => sp.GetRequiredService<PostgresDeadLetters>());
        services.TryAddSingleton<StreamStatistics>();
        return services;
    }

    /// <summary>
    /// The persistent stream provider <see cref="ProviderName"/>: a fixed number of PostgreSQL queues,
    /// each read by one pulling agent, spread evenly over the silos (<see cref="EvenQueueBalancer"/>); retries with this
    /// provider's backoff; retention.
    /// </summary>
    public static ISiloBuilder AddPostgresStreams(this ISiloBuilder silo, IConfiguration configuration, IEnumerable<Assembly> grainAssemblies)
    {
        silo.Services.AddPostgresStreamProducer(configuration, grainAssemblies);
        silo.Services.AddHostedService<StreamRetention>();
        silo.AddPersistentStreams(ProviderName, PostgresQueueAdapterFactory.Create, stream =>
        {
            stream.ConfigureBackoffProvider((Func<IServiceProvider, string, IMessageDeliveryBackoffProvider>)((services, _) =>
                new StreamDeliveryBackoff(services.GetRequiredService<PostgresStreamOptions>())));
            stream.ConfigurePartitionBalancing(EvenQueueBalancer.Create);
            stream.ConfigurePullingAgent(agent => agent.Configure<IServiceProvider>((pulling, services) =>
            {
                var options = services.GetRequiredService<PostgresStreamOptions>();
                pulling.GetQueueMsgsTimerPeriod = options.ActivePollInterval < options.PollInterval ? options.ActivePollInterval : options.PollInterval;

                // Consumers dead-letter their own failures after the attempt limit; Orleans' own
                // give-up only covers a consumer that cannot be reached at all.
                pulling.MaxEventDeliveryTime = TimeSpan.FromHours(1) + (options.RetryBackoffMax * options.MaxAttempts);
                pulling.BatchContainerBatchSize = 1;
            }));
            stream.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
        });
        return silo;
    }
}
