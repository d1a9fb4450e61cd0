namespace OrleansSync.Postgres.Webhooks;

/// <summary>An outbox webhook (configuration <c>Webhooks:N:*</c>): messages of <see cref="Namespace"/> are POSTed to <see cref="Url"/>, signed with <see cref="Secret"/> when set.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public string Name { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key for the X-Signature header. Never logged.</summary>
    public string? Secret { get; set; }
}
