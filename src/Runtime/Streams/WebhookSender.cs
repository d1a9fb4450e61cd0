using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Streams;

/// <summary>
/// Posts outbox messages to configured webhooks. Any non-2xx answer is a failed attempt, retried
/// with backoff and dead-lettered like any stream delivery. Bodies are signed (HMAC-SHA256) when a
/// secret is configured, so receivers can trust them; the secret is never logged.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory httpClients, RuntimeOptions options)
{
    public const string HttpClientName = "orleanssync-webhooks";

    public async Task DeliverAsync(string webhookName, StreamEvent message)
    {
        var webhook = options.Webhooks.FirstOrDefault(w => w.Name == webhookName)
            ?? throw new InvalidOperationException($"Webhook '{webhookName}' is no longer configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(message.PayloadJson, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Message-Id", message.MessageId);
        request.Headers.Add("X-Stream-Namespace", message.Namespace);
        request.Headers.Add("X-Stream-Key", message.Key);
        request.Headers.Add("X-Delivery-Attempt", message.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(webhook.Secret))
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhook.Secret), Encoding.UTF8.GetBytes(message.PayloadJson));
            request.Headers.Add("X-Signature", "sha256=" + Convert.ToHexStringLower(signature));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Webhook '{webhookName}' answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }
}
