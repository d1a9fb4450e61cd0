using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>The subscriber of <see cref="DashboardEventSources.Flaky"/>: fails while the tests say so (<see cref="SubscriberDeliveries.FlakyFails"/>).</summary>
[GrainType(SubscriberDeliveries.Flaky)]
[ImplicitStreamSubscription("dashboard-flaky")]
public sealed class FlakySubscriberGrain(SubscriberDeliveries deliveries) : EntityGrain, IStreamSubscriber
{
    Task IStreamSubscriber.OnNextAsync(StreamEvent message) =>
        deliveries.Record(SubscriberDeliveries.Flaky, message.MessageId, message.Attempt)
            ? Task.CompletedTask
            : throw new InvalidOperationException($"503 Service Unavailable: the flaky subscriber refuses message {message.MessageId} (attempt {message.Attempt}).");
}
