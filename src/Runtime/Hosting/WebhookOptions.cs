namespace OrleansSync.Runtime.Hosting;

/// <summary>An outbox webhook: messages of <see cref="Namespace"/> are POSTed to <see cref="Url"/>, signed with <see cref="Secret"/> when set.</summary>
public sealed class WebhookOptions
{
    public string Name { get; set; } = "";

    public string Namespace { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>HMAC-SHA256 key for the X-Signature header. Never logged.</summary>
    public string? Secret { get; set; }
}
