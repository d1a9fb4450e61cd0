using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Postgres.Webhooks;

/// <summary>
/// POSTs outbox messages to one webhook, in order per key (grain key <c>{webhook}/{key}</c>). Any
/// non-2xx answer fails the attempt: retried with backoff, then a dead letter that replays. The body
/// is the message's payload, signed (HMAC-SHA256, X-Signature) when the webhook has a secret; the
/// secret is never logged. Delivery is at least once (a silo dying after the POST sends it again):
/// receivers de-duplicate by X-Message-Id.
/// </summary>
[GrainType(GrainTypeName)]
[ImplicitStreamSubscription(OutboxWebhooks.Namespace)]
public sealed class OutboxWebhookGrain(IHttpClientFactory httpClients, OutboxWebhooks webhooks) : EntityGrain, IStreamSubscriber
{
    public const string GrainTypeName = "outbox.webhook";

    public const string HttpClientName = "orleanssync-webhooks";

    public async Task OnNextAsync(StreamEvent message)
    {
        var delivery = message.Payload<WebhookDelivery>();
        var webhook = webhooks.Named(delivery.Webhook)
            ?? throw new InvalidOperationException($"Webhook '{delivery.Webhook}' is no longer configured.");
        var body = delivery.Payload.GetRawText();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Message-Id", delivery.MessageId);
        request.Headers.Add("X-Stream-Namespace", delivery.Namespace);
        request.Headers.Add("X-Stream-Key", delivery.Key);
        request.Headers.Add("X-Delivery-Attempt", message.Attempt.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), Encoding.UTF8.GetBytes(body));
            request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook '{webhook.Name}' answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
