using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Tests.Support;

/// <summary>
/// The one subscriber of <see cref="ApiHost.SubscribedNamespace"/>: it fails on every message, so each
/// message appended there becomes a dead letter after Streams:MaxAttempts (3 in the fast test settings).
/// </summary>
[GrainType("api-tests.failing-subscriber")]
[ImplicitStreamSubscription(ApiHost.SubscribedNamespace)]
public sealed class FailingSubscriberGrain : EntityGrain, IStreamSubscriber
{
    Task IStreamSubscriber.OnNextAsync(StreamEvent message) =>
        throw new InvalidOperationException($"{ApiHost.SubscribedNamespace} messages always fail here (message {message.MessageId}).");
}
