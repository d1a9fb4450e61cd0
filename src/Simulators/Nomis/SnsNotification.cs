using System.Text.Json.Serialization;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// SNS notification envelope, as in iep-upserted-offender-event-sns-envelope.json (member order as there).
/// <see cref="Message"/> is the offender event serialised to a string, as SNS delivers it.
/// </summary>
public sealed record SnsNotification(
    [property: JsonPropertyName("MessageId")] string MessageId,
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("Timestamp")] string Timestamp,
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("TopicArn")] string TopicArn,
    [property: JsonPropertyName("MessageAttributes")] SnsMessageAttributes MessageAttributes);
