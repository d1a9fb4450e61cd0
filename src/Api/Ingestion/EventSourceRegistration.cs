using Microsoft.Extensions.DependencyInjection;

namespace OrleansSync.Api.Ingestion;

public static class EventSourceRegistration
{
    /// <summary>Registers an inbound event source; each domain registers its own in its AddXxxApi.</summary>
    public static IServiceCollection AddEventSource(this IServiceCollection services, EventSource source) =>
        services.AddSingleton(source);
}
