using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrleansSync.Runtime.Hosting;
using OrleansSync.Runtime.Tests.Infrastructure;

namespace OrleansSync.Runtime.Tests.Streams;

public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret";
    private readonly ConcurrentQueue<(string Body, string? Signature, string? MessageId)> _received = new();
    private TestDatabase _database = null!;
    private WebApplication _receiver = null!;
    private string _url = "";
    private volatile int _failuresLeft;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(nameof(WebhookTests));
        var port = TestSiloApplication.FreePort();
        _url = $"http://127.0.0.1:{port}/hook";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _receiver = builder.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                return Results.StatusCode(503);
            }

            using var reader = new StreamReader(request.Body);
            _received.Enqueue((await reader.ReadToEndAsync(), request.Headers["X-Signature"], request.Headers["X-Message-Id"]));
            return Results.Ok();
        });
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task An_outbox_event_reaches_a_webhook_signed_after_retries()
    {
        _failuresLeft = 2;
        await using var silo = await TestSilo.StartAsync(_database.ConnectionString, Configure);

        await silo.Grains.GetGrain<IOutboxGrain>("hooked").PublishAsync("to-the-hook", 7, commit: true);

        await Eventually.TrueAsync(() => !_received.IsEmpty, TimeSpan.FromSeconds(15), "the webhook receives the event after two failed attempts");
        var (body, signature, messageId) = _received.Single();
        messageId.Should().Be("to-the-hook");
        JsonSerializer.Deserialize<TestMessage>(body, RuntimeJson.Options)!.Sequence.Should().Be(7);
        signature.Should().Be("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))), "receivers can verify the body came from us");
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_leaves_a_dead_letter_that_replays()
    {
        _failuresLeft = 1000;
        await using var silo = await TestSilo.StartAsync(_database.ConnectionString, Configure);

        await silo.Grains.GetGrain<IOutboxGrain>("down").PublishAsync("hook-down", 1, commit: true);

        await Eventually.TrueAsync(async () => (await silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "down"))).Any(d => d.Subscriber == "webhook:hook"), TimeSpan.FromSeconds(15), "after the attempts the webhook delivery is a dead letter");
        var deadLetter = (await silo.Runtime.DeadLetters.ListAsync(new DeadLetterQuery(Key: "down"))).Single(d => d.Subscriber == "webhook:hook");
        deadLetter.LastError.Should().Contain("503");

        _failuresLeft = 0;
        await silo.Runtime.DeadLetters.ReplayAsync(deadLetter.Id);

        await Eventually.TrueAsync(() => _received.Any(r => r.MessageId == "hook-down"), TimeSpan.FromSeconds(15), "the replayed delivery reaches the webhook");
    }

    private void Configure(RuntimeOptions options)
    {
        options.StreamMaxAttempts = 3;
        options.Webhooks.Add(new WebhookOptions { Name = "hook", Namespace = RecorderGrain.Namespace, Url = _url, Secret = Secret });
    }
}
