using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>The subscriber of <see cref="DashboardEventSources.Steady"/>: accepts every message.</summary>
[GrainType(SubscriberDeliveries.Steady)]
[ImplicitStreamSubscription("dashboard-steady")]
public sealed class SteadySubscriberGrain(SubscriberDeliveries deliveries) : EntityGrain, IStreamSubscriber
{
    Task IStreamSubscriber.OnNextAsync(StreamEvent message)
    {
        deliveries.Record(SubscriberDeliveries.Steady, message.MessageId, message.Attempt);
        return Task.CompletedTask;
    }
}
