using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace OrleansSync.Postgres.Providers;

/// <summary>Orleans' ADO.NET grain storage on the project's schema, registered under <see cref="Name"/> and as the default storage.</summary>
public static class PostgresGrainStorage
{
    /// <summary>The storage name for <c>[PersistentState("state", PostgresGrainStorage.Name)]</c>; the same storage is also the default one.</summary>
    public const string Name = "postgres";

    internal static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string connectionString)
    {
        services.AddOptions<AdoNetGrainStorageOptions>(Name).Configure(options =>
        {
            options.Invariant = PostgresInvariant.Name;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = new SystemTextJsonGrainStorageSerializer();
        });

        // The ADO.NET provider itself is reachable only through the qualifying wrapper: registered
        // as a storage of its own, grains could use it and write colliding rows.
        services.AddKeyedSingleton(Name, (provider, _) => AdoNetGrainStorageFactory.Create(provider, Name));
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredKeyedService<AdoNetGrainStorage>(Name));
        services.AddGrainStorage(Name, (provider, name) => new GrainIdQualifyingStorage(provider.GetRequiredKeyedService<AdoNetGrainStorage>(name)));

        // One instance under both names, so "Default" and Name see the same rows the same way.
        services.AddKeyedSingleton<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (provider, _) => provider.GetRequiredKeyedService<IGrainStorage>(Name));
        services.TryAddSingleton(provider => provider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
        return services;
    }
}
