using System.Text.Json;

namespace OrleansSync.Api.Ingestion;

/// <summary>One message of an ingestion request, after its envelope (if any) is removed and checked.</summary>
/// <param name="Index">The record's index in an SQS batch; null for a single-message request.</param>
/// <param name="Field">Where the message is in the request, for error messages: "body", "Message", "Records[2].body.Message".</param>
internal abstract record InboundMessage(int? Index, string Field);

/// <summary>An event to classify. <paramref name="GivenId"/> is the envelope's MessageId or the request's idempotency header.</summary>
internal sealed record InboundEvent(int? Index, string Field, string? GivenId, string ContentHashId, JsonDocument Event, string PayloadJson)
    : InboundMessage(Index, Field);

/// <summary>An SNS SubscriptionConfirmation or UnsubscribeConfirmation: recorded for an operator, never fetched.</summary>
internal sealed record InboundConfirmation(int? Index, string Field, string MessageType, string MessageId, string TopicArn, string? SubscribeUrl)
    : InboundMessage(Index, Field);
