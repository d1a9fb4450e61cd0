using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Webhooks;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Webhooks;

/// <summary>Outbox events POSTed to a configured webhook: signed, retried, dead-lettered, replayable.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly ConcurrentQueue<(string Body, string? Signature, string? MessageId)> _received = new();
    private WebApplication _receiver = null!;
    private StreamsCluster _cluster = null!;
    private volatile int _failuresLeft;

    public async Task InitializeAsync()
    {
        var port = Ports.Free();
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
        _cluster = await StreamsCluster.StartAsync(nameof(WebhookTests), settings: new Dictionary<string, string?>
        {
            ["Webhooks:0:Name"] = "hook",
            ["Webhooks:0:Namespace"] = LedgerGrain.EchoNamespace,
            ["Webhooks:0:Url"] = $"http://127.0.0.1:{port}/hook",
            ["Webhooks:0:Secret"] = Secret,
        });
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task An_outbox_event_reaches_a_webhook_signed_after_retries()
    {
        _failuresLeft = 2;

        await _cluster.Producer.AppendAsync(LedgerGrain.Namespace, "hooked", "m1", Json(new LedgerEntry(7, 1, Echo: true)));

        await Eventually.TrueAsync(() => !_received.IsEmpty, Deadline, "the webhook receives the event after two failed attempts");
        var (body, signature, messageId) = _received.Single();
        messageId.Should().Be("echo/m1");
        JsonSerializer.Deserialize<LedgerEntry>(body, StreamJson.Options)!.Sequence.Should().Be(7);
        signature.Should().Be("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body))), "receivers can verify the body came from us");
        (await _cluster.EntriesAsync(EchoGrain.GrainTypeName, "hooked")).Should().ContainSingle("the namespace's grain subscriber gets the event too");
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_leaves_a_dead_letter_that_replays()
    {
        _failuresLeft = 1000;

        await _cluster.Producer.AppendAsync(LedgerGrain.Namespace, "down", "m2", Json(new LedgerEntry(1, 1, Echo: true)));

        await Eventually.TrueAsync(async () => (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Namespace: OutboxWebhooks.Namespace))).Count == 1, Deadline, "after the attempts the webhook delivery is a dead letter");
        var deadLetter = (await _cluster.DeadLetters.ListAsync(new DeadLetterQuery(Namespace: OutboxWebhooks.Namespace)))[0];
        deadLetter.Key.Should().Be("hook/down");
        deadLetter.Subscriber.Should().Be(OutboxWebhookGrain.GrainTypeName);
        deadLetter.LastError.Should().Contain("503").And.NotContain(Secret);

        _failuresLeft = 0;
        (await _cluster.DeadLetters.ReplayAsync(deadLetter.Id)).Should().BeTrue();

        await Eventually.TrueAsync(() => _received.Any(r => r.MessageId == "echo/m2"), Deadline, "the replayed delivery reaches the webhook");
    }

    private static string Json(LedgerEntry entry) => JsonSerializer.Serialize(entry, StreamJson.Options);
}
