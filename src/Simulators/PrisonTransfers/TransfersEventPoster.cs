using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>
/// Plays the part of the HMPPS domain events topic for the transfers simulators: each event goes to the hub
/// as an SNS notification (eventType also in MessageAttributes), POSTed while the admin request waits, with
/// retries, so a test or a user knows the hub has it when the admin call answers.
/// </summary>
public sealed class TransfersEventPoster(IOptions<TransfersSimulatorOptions> options, IHttpClientFactory httpClients, TimeProvider time, ILogger<TransfersEventPoster> logger)
{
    /// <summary>Named HttpClient used for delivery.</summary>
    public const string HttpClientName = "OrleansSync.Simulators.Transfers.Events";

    private readonly TransfersSimulatorOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly LinkedList<TransfersSimulatorEvent> _retained = new();
    private HttpMessageHandler? _handler;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Delivers later events through <paramref name="handler"/> (an in-memory test server); null goes back to the client.</summary>
    public void UseHandler(HttpMessageHandler? handler) => Volatile.Write(ref _handler, handler);

    public IReadOnlyList<TransfersSimulatorEvent> Events(string? nomsNumber = null)
    {
        lock (_gate)
        {
            return [.. _retained.Where(e => nomsNumber is null || e.NomsNumber == nomsNumber)];
        }
    }

    public void ClearHistory()
    {
        lock (_gate)
        {
            _retained.Clear();
        }
    }

    internal async Task<TransfersSimulatorEvent> PostAsync((string EventType, string NomsNumber, JsonObject Message) domainEvent, CancellationToken cancellationToken)
    {
        var messageId = Guid.NewGuid().ToString();
        var message = domainEvent.Message.ToJsonString();
        var (status, error) = string.IsNullOrWhiteSpace(_options.EventsUrl)
            ? (TransfersSimulatorEvent.Skipped, null)
            : await DeliverAsync(messageId, domainEvent.EventType, message, cancellationToken);
        var emitted = new TransfersSimulatorEvent(messageId, domainEvent.EventType, domainEvent.NomsNumber, message, status, error);
        lock (_gate)
        {
            _retained.AddLast(emitted);
            while (_retained.Count > Math.Max(1, _options.MaxRetainedEvents))
            {
                _retained.RemoveFirst();
            }
        }

        return emitted;
    }

    private async Task<(string Status, string? Error)> DeliverAsync(string messageId, string eventType, string message, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new JsonObject
        {
            ["Type"] = "Notification",
            ["MessageId"] = messageId,
            ["TopicArn"] = _options.TopicArn,
            ["Message"] = message,
            ["Timestamp"] = Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["MessageAttributes"] = new JsonObject { ["eventType"] = new JsonObject { ["Type"] = "String", ["Value"] = eventType } },
        });
        string? error = null;
        var attempts = Math.Max(1, _options.EventDeliveryAttempts);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            (var retryable, error) = await TrySendAsync(messageId, body, cancellationToken);
            if (error is null)
            {
                return (TransfersSimulatorEvent.Delivered, null);
            }

            if (!retryable || attempt == attempts)
            {
                break;
            }

            await Task.Delay(_options.EventRetryDelay * Math.Pow(2, attempt - 1), time, cancellationToken);
        }

        logger.LogError("Transfers simulator: giving up on {EventType} {MessageId}: {Error}", eventType, messageId, error);
        return (TransfersSimulatorEvent.Failed, error);
    }

    private async Task<(bool Retryable, string? Error)> TrySendAsync(string messageId, string body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.EventDeliveryTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.EventsUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("x-amz-sns-message-type", "Notification");
            request.Headers.Add("x-amz-sns-message-id", messageId);
            var token = string.IsNullOrEmpty(_options.EventsBearerToken) ? _options.EventsBearerTokenProvider?.Invoke() : _options.EventsBearerToken;
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var client = Volatile.Read(ref _handler) is { } handler ? new HttpClient(handler, disposeHandler: false) : httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return (false, null);
            }

            var status = (int)response.StatusCode;
            return (status >= 500 || status is 408 or 429, $"HTTP {status} from {_options.EventsUrl}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (true, $"timed out after {_options.EventDeliveryTimeout}");
        }
        catch (HttpRequestException exception)
        {
            return (true, exception.Message);
        }
    }
}
