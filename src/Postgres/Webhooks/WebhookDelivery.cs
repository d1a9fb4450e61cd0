using System.Text.Json.Serialization;

namespace OrleansSync.Postgres.Webhooks;

/// <summary>A message of the <see cref="OutboxWebhooks.Namespace"/> stream: which webhook, and the outbox message to POST.</summary>
internal sealed record WebhookDelivery(
    [property: JsonPropertyName("webhook")] string Webhook,
    [property: JsonPropertyName("namespace")] string Namespace,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("payload")] JsonElement Payload);
