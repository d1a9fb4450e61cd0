using System.Text.Json.Nodes;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Webhooks;

/// <summary>
/// The configured outbox webhooks. An appended message of a namespace with webhooks is also
/// appended once per webhook to the <see cref="Namespace"/> stream keyed <c>{webhook}/{key}</c>,
/// in the same statement: so each webhook's deliveries are in order per key, retried, dead-lettered
/// and replayed on their own, like any subscriber's, by <see cref="OutboxWebhookGrain"/>.
/// </summary>
public sealed class OutboxWebhooks
{
    /// <summary>The stream of webhook deliveries.</summary>
    public const string Namespace = "outbox-webhooks";

    private readonly ILookup<string, WebhookOptions> _byNamespace;
    private readonly Dictionary<string, WebhookOptions> _byName;

    public OutboxWebhooks(IEnumerable<WebhookOptions> webhooks)
    {
        var list = webhooks.ToList();
        foreach (var webhook in list)
        {
            if (string.IsNullOrWhiteSpace(webhook.Name) || webhook.Name.Contains('/', StringComparison.Ordinal) || string.IsNullOrWhiteSpace(webhook.Namespace)
                || !Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"Webhook '{webhook.Name}' needs a name without '/', a namespace and an absolute http(s) Url (Webhooks:N:Name, Namespace, Url).", nameof(webhooks));
            }
        }

        _byNamespace = list.ToLookup(w => w.Namespace, StringComparer.Ordinal);
        _byName = list.ToDictionary(w => w.Name, StringComparer.Ordinal);
    }

    public bool Any(string streamNamespace) => _byNamespace.Contains(streamNamespace);

    public WebhookOptions? Named(string name) => _byName.GetValueOrDefault(name);

    /// <summary>One delivery message per webhook of the message's namespace.</summary>
    public IEnumerable<StreamAppend> DeliveriesOf(StreamAppend message) =>
        _byNamespace[message.Namespace].Select(webhook => new StreamAppend(
            Namespace,
            $"{webhook.Name}/{message.Key}",
            $"{webhook.Name}/{message.Namespace}/{message.MessageId}",
            new JsonObject
            {
                ["webhook"] = webhook.Name,
                ["namespace"] = message.Namespace,
                ["key"] = message.Key,
                ["messageId"] = message.MessageId,
                ["payload"] = JsonNode.Parse(message.PayloadJson),
            }.ToJsonString()));
}
