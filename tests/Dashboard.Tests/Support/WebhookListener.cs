using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OrleansSync.Dashboard.Tests.Support;

/// <summary>
/// A webhook receiver on a loopback port that the tests control: POST /steady always answers 200;
/// POST /flaky answers 503 while <see cref="FlakyFails"/> is set, so messages of its namespace
/// become dead letters, and 200 once it is cleared, so a replay is delivered. Every request is kept.
/// </summary>
public sealed class WebhookListener : IAsyncDisposable
{
    public const string Steady = "steady";
    public const string Flaky = "flaky";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private volatile bool _flakyFails = true;

    private WebhookListener(WebApplication app) => _app = app;

    /// <summary>Its base URL, http://127.0.0.1:port, known once started.</summary>
    public string Url { get; private set; } = "";

    public bool FlakyFails
    {
        get => _flakyFails;
        set => _flakyFails = value;
    }

    public IReadOnlyCollection<ReceivedWebhook> Received => _received;

    public static async Task<WebhookListener> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var listener = new WebhookListener(builder.Build());
        listener._app.MapPost("/{hook}", async (string hook, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var accepted = hook != Flaky || !listener._flakyFails;
            listener._received.Enqueue(new ReceivedWebhook(hook, request.Headers["X-Message-Id"].ToString(), request.Headers["X-Delivery-Attempt"].ToString(), body, accepted));
            return accepted ? Results.Ok() : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        await listener._app.StartAsync();
        listener.Url = listener._app.Urls.Single().TrimEnd('/');
        return listener;
    }

    /// <summary>Whether a delivery of <paramref name="messageId"/> to <paramref name="hook"/> was answered with success.</summary>
    public bool Delivered(string hook, string messageId) => _received.Any(r => r.Hook == hook && r.MessageId == messageId && r.Accepted);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request the listener received, and whether it answered with success.</summary>
public sealed record ReceivedWebhook(string Hook, string MessageId, string Attempt, string Body, bool Accepted);
