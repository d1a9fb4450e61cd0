using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansSync.Postgres.Migrations;

namespace OrleansSync.Postgres.Entities;

/// <summary>Registration of what <see cref="EntityGrain"/>s need on a silo (with the stream provider registered too).</summary>
public static class EntityGrains
{
    /// <summary>The fence table (module <c>entities</c>).</summary>
    public static MigrationSource Schema { get; } = new("entities", typeof(EntityGrains).Assembly);

    public static IServiceCollection AddEntityGrains(this IServiceCollection services)
    {
        services.TryAddSingleton<EntityGrainServices>();
        services.TryAddSingleton<Streams.ConsumptionRecorder>();
        services.TryAddSingleton<Streams.StreamMetrics>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
