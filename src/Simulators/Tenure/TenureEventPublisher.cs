using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Simulators.Tenure;

/// <summary>
/// Plays the tenure API's SNS topic: every write becomes an EntityEventSns in an SNS notification,
/// POSTed to the hub in order by one background loop with retries. A failure is logged and recorded,
/// never thrown into the simulator's write.
/// </summary>
public sealed class TenureEventPublisher(IOptions<TenureSimulatorOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<TenureEventPublisher> logger)
    : BackgroundService
{
    public const string HttpClientName = "OrleansSync.Simulators.Tenure.Events";

    private readonly TenureSimulatorOptions _options = options.Value;
    private readonly Channel<PublishedTenureEvent> _queue = Channel.CreateUnbounded<PublishedTenureEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly List<PublishedTenureEvent> _published = [];
    private HttpMessageHandler? _handler;

    /// <summary>Every event published so far, oldest first.</summary>
    public IReadOnlyList<PublishedTenureEvent> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    /// <summary>Delivers through <paramref name="handler"/> (an in-memory test server) instead of the named client.</summary>
    public void UseHandler(HttpMessageHandler? handler) => Volatile.Write(ref _handler, handler);

    internal TenureEntityEvent Publish(string eventType, Guid tenureId, object? oldData, object? newData)
    {
        var entityEvent = new TenureEntityEvent(
            Guid.NewGuid(), eventType, "Tenure", "TenureAPI", "v1", Guid.NewGuid(), time.GetUtcNow().UtcDateTime,
            new TenureEventUser(_options.UserName, _options.UserEmail), tenureId, new TenureEventData(oldData, newData));
        var published = new PublishedTenureEvent(entityEvent);
        lock (_gate)
        {
            _published.Add(published);
        }

        if (string.IsNullOrWhiteSpace(_options.EventsUrl))
        {
            published.Status = "skipped";
        }
        else
        {
            _queue.Writer.TryWrite(published);
        }

        return entityEvent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var published in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await DeliverAsync(published, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task DeliverAsync(PublishedTenureEvent published, CancellationToken stoppingToken)
    {
        var message = JsonSerializer.Serialize(published.Event, TenureJson.Options);
        var body = JsonSerializer.Serialize(new
        {
            Type = "Notification",
            MessageId = published.Event.Id.ToString("D"),
            TopicArn = _options.TopicArn,
            Message = message,
            Timestamp = published.Event.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        });
        var attempts = Math.Max(1, _options.EventDeliveryAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            string? error;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _options.EventsUrl)
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                if (_options.EventsBearerTokenProvider?.Invoke() is { Length: > 0 } token)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var client = Volatile.Read(ref _handler) is { } handler
                    ? new HttpClient(handler, disposeHandler: false)
                    : httpClients.CreateClient(HttpClientName);
                using var response = await client.SendAsync(request, stoppingToken);
                if (response.IsSuccessStatusCode)
                {
                    published.Status = "delivered";
                    return;
                }

                error = $"HTTP {(int)response.StatusCode}";
                if ((int)response.StatusCode < 500)
                {
                    attempt = attempts;
                }
            }
            catch (HttpRequestException exception)
            {
                error = exception.Message;
            }

            if (attempt >= attempts)
            {
                logger.LogError("Tenure simulator: giving up on {EventType} {EventId} after {Attempts} attempt(s): {Error}", published.Event.EventType, published.Event.Id, attempt, error);
                published.Status = "failed";
                return;
            }

            await Task.Delay(_options.EventRetryDelay * Math.Pow(2, attempt - 1), time, stoppingToken);
        }
    }
}
