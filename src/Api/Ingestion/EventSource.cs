using System.Text.Json;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// An inbound event source, served at <c>POST /events/{Name}</c>. Each accepted event is appended to
/// the stream namespace <see cref="StreamNamespace"/> under the key <see cref="Classify"/> returns
/// (the entity the event is about), so the subscribing grain of that key handles it.
/// </summary>
/// <param name="Name">The path segment, e.g. "offender-events".</param>
/// <param name="StreamNamespace">The stream the events go to; grains subscribe to it with [ImplicitStreamSubscription].</param>
/// <param name="Classify">
/// Reads one event (the inner message, after any SNS/SQS envelope is removed; when an SNS message
/// has no "eventType" of its own, the gateway copies MessageAttributes.eventType into it first, so
/// classifiers and grains read the type in one place). An exception it throws refuses the request
/// with 400, like <see cref="EventClassification.Invalid"/>. The same JSON is the stream payload.
/// </param>
public sealed record EventSource(string Name, string StreamNamespace, Func<JsonElement, EventClassification> Classify);

/// <summary>
/// What an event is: its type, and the stream key to deliver it under. A null key means the event
/// type is not one this system handles: it is recorded as skipped (with <see cref="Reason"/>) and
/// acknowledged, never appended or retried. An <see cref="Error"/> means the event is malformed:
/// the request is refused with 400 naming the problem, and nothing of it is appended.
/// </summary>
public sealed record EventClassification(string EventType, string? StreamKey, string? Reason = null, string? Error = null)
{
    /// <summary>
    /// The event's own id (such as the "id" of a Hackney entity event), used to de-duplicate a raw event that
    /// arrives with neither an envelope id nor an Idempotency-Key / X-Message-Id header; without it
    /// such an event is identified by the SHA-256 of its bytes. Set with <c>Route(...) with { MessageId = id }</c>.
    /// </summary>
    public string? MessageId { get; init; }

    public static EventClassification Route(string eventType, string streamKey) => new(eventType, streamKey);

    public static EventClassification Skip(string eventType, string reason) => new(eventType, null, reason);

    public static EventClassification Invalid(string eventType, string error) => new(eventType, null, Error: error);
}
