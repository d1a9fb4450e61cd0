namespace OrleansSync.Api.Ingestion;

/// <summary>
/// An SNS subscription message as received. The gateway never fetches <see cref="SubscribeUrl"/>; an
/// operator who recognises the topic confirms the subscription (opens the URL, or uses
/// <c>aws sns confirm-subscription</c>). <see cref="LooksLikeAmazonSns"/> only says whether the URL is an
/// https URL on an sns.*.amazonaws.com host: a hint, not proof (SNS signatures are not verified here).
/// </summary>
public sealed record SnsConfirmation(
    long Id,
    string Source,
    string MessageType,
    string MessageId,
    string TopicArn,
    string? SubscribeUrl,
    bool LooksLikeAmazonSns,
    DateTimeOffset ReceivedAt);
