namespace OrleansSync.Api.Ingestion;

/// <summary>The 202 answer to POST /events/{source}: what was done with each message.</summary>
/// <param name="Source">The event source (the path segment).</param>
/// <param name="StreamNamespace">The stream the source's events go to.</param>
/// <param name="Appended">Events newly appended to the stream.</param>
/// <param name="Duplicates">Events whose message id was appended before (ignored, as the stream de-duplicates by id).</param>
/// <param name="Skipped">Events recorded as skipped (GET /events/skipped) and not appended.</param>
/// <param name="Confirmations">SNS subscription messages recorded for an operator (GET /events/subscription-confirmations); never fetched.</param>
/// <param name="Messages">Each message of the request, in order.</param>
public sealed record IngestionReceipt(
    string Source,
    string StreamNamespace,
    int Appended,
    int Duplicates,
    int Skipped,
    int Confirmations,
    IReadOnlyList<IngestedMessage> Messages);

/// <summary>One message of a request.</summary>
/// <param name="Index">Its index in an SQS batch; null for a single message.</param>
/// <param name="MessageId">The id it was de-duplicated by.</param>
/// <param name="EventType">The type the source's classification read, or the SNS message type.</param>
/// <param name="Outcome">"appended", "duplicate", "accepted" (appended or duplicate, in a batch with both), "skipped" or "recorded" (an SNS subscription message).</param>
/// <param name="StreamKey">The entity key it was appended under; null unless appended.</param>
/// <param name="Detail">Why it was skipped, or what an operator must do about a subscription message.</param>
public sealed record IngestedMessage(int? Index, string MessageId, string? EventType, string Outcome, string? StreamKey, string? Detail);
