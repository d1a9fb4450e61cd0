using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// Plays the part of NOMIS' Oracle AQ → hmpps-prisoner-events → SNS chain: every IEP write becomes an
/// IEP_UPSERTED/IEP_DELETED offender event in an SNS notification envelope, POSTed to the hub. Events are
/// built at write time (so eventDatetime is the write's time) and delivered in order by one background loop,
/// with retries; a failure is logged and recorded, never thrown into the simulator.
/// </summary>
public sealed class NomisEventPublisher : BackgroundService
{
    /// <summary>Named HttpClient used for delivery; a test can give it a TestServer handler.</summary>
    public const string HttpClientName = "OrleansSync.Simulators.Nomis.Events";

    private readonly NomisSimulatorOptions _options;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger<NomisEventPublisher> _logger;
    private readonly Channel<EventRecord> _queue = Channel.CreateUnbounded<EventRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private readonly LinkedList<EventRecord> _retained = new();
    private long _lastEventId;
    private HttpMessageHandler? _handler;

    public NomisEventPublisher(
        IOptions<NomisSimulatorOptions> options,
        IHttpClientFactory httpClients,
        TimeProvider time,
        ILogger<NomisEventPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _httpClients = httpClients;
        _time = time;
        _logger = logger;
    }

    /// <summary>Events emitted so far (newest last), optionally only one offender's.</summary>
    public IReadOnlyList<EmittedEvent> Events(string? offenderNo = null)
    {
        lock (_gate)
        {
            return _retained
                .Where(r => offenderNo is null || string.Equals(r.Change.OffenderNo, offenderNo, StringComparison.Ordinal))
                .Select(r => r.ToView())
                .ToList();
        }
    }

    /// <summary>
    /// Delivers every later event through <paramref name="handler"/> (not disposed here) instead of the named
    /// HttpClient: a hub inside an in-memory test server has no socket to reach. Null goes back to the client.
    /// </summary>
    public void UseHandler(HttpMessageHandler? handler) => Volatile.Write(ref _handler, handler);

    public void ClearHistory()
    {
        lock (_gate)
        {
            _retained.Clear();
        }
    }

    /// <summary>Builds and queues the event. Never blocks and never throws for delivery reasons.</summary>
    internal EventRecord Publish(IepChange change)
    {
        var record = Build(change);
        lock (_gate)
        {
            _retained.AddLast(record);
            while (_retained.Count > Math.Max(1, _options.MaxRetainedEvents))
            {
                _retained.RemoveFirst();
            }
        }

        if (string.IsNullOrWhiteSpace(_options.EventsUrl))
        {
            record.Complete(EventDeliveryStatus.Skipped);
        }
        else
        {
            _queue.Writer.TryWrite(record);
        }

        return record;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var record in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(record, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    // Belt and braces: nothing about one event may stop the loop.
                    _logger.LogError(ex, "NOMIS simulator: unexpected error delivering event {EventId}", record.EventId);
                    record.Complete(EventDeliveryStatus.Failed);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    private async Task DeliverAsync(EventRecord record, CancellationToken stoppingToken)
    {
        var attempts = Math.Max(1, _options.EventDeliveryAttempts);
        var body = JsonSerializer.Serialize(record.Envelope, NomisJson.Options);
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var (retryable, error) = await TrySendAsync(record, body, stoppingToken);
            record.RecordAttempt(error);
            if (error is null)
            {
                record.Complete(EventDeliveryStatus.Delivered);
                return;
            }

            if (!retryable || attempt == attempts)
            {
                _logger.LogError(
                    "NOMIS simulator: giving up on {EventType} {EventId} for {OffenderNo} after {Attempts} attempt(s): {Error}",
                    record.Change.EventType, record.EventId, record.Change.OffenderNo, attempt, error);
                record.Complete(EventDeliveryStatus.Failed);
                return;
            }

            var delay = _options.EventRetryDelay * Math.Pow(2, attempt - 1);
            _logger.LogWarning(
                "NOMIS simulator: delivering {EventType} {EventId} failed (attempt {Attempt}/{Attempts}): {Error}; retrying in {Delay}",
                record.Change.EventType, record.EventId, attempt, attempts, error, delay);
            await Task.Delay(delay, _time, stoppingToken);
        }
    }

    private async Task<(bool Retryable, string? Error)> TrySendAsync(EventRecord record, string body, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_options.EventDeliveryTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _options.EventsUrl)
            {
                // application/json rather than SNS' text/plain: the hub's ingestion is an ASP.NET JSON endpoint.
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-amz-sns-message-type", record.Envelope.Type);
            request.Headers.Add("x-amz-sns-message-id", record.Envelope.MessageId);
            request.Headers.Add("x-amz-sns-topic-arn", record.Envelope.TopicArn);
            var token = string.IsNullOrEmpty(_options.EventsBearerToken) ? _options.EventsBearerTokenProvider?.Invoke() : _options.EventsBearerToken;
            if (!string.IsNullOrEmpty(token))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var client = Volatile.Read(ref _handler) is { } handler
                ? new HttpClient(handler, disposeHandler: false)
                : _httpClients.CreateClient(HttpClientName);
            using var response = await client.SendAsync(request, timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return (false, null);
            }

            var status = (int)response.StatusCode;
            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return (retryable, $"HTTP {status} from {_options.EventsUrl}");
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (true, $"timed out after {_options.EventDeliveryTimeout}");
        }
        catch (HttpRequestException ex)
        {
            return (true, ex.Message);
        }
    }

    private EventRecord Build(IepChange change)
    {
        var now = _time.GetUtcNow();
        var nomisLocal = TimeZoneInfo.ConvertTime(now, SimulatorTimeZones.London).DateTime;
        var eventId = Interlocked.Increment(ref _lastEventId).ToString(CultureInfo.InvariantCulture);
        var message = new OffenderEvent
        {
            EventId = eventId,
            EventType = change.EventType,
            EventDatetime = nomisLocal.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            OffenderIdDisplay = change.OffenderNo,
            AgencyLocationId = change.AgencyLocationId,
            BookingId = _options.NumericIdsInEvents ? change.BookingId : change.BookingId.ToString(CultureInfo.InvariantCulture),
            NomisEventType = OffenderEvent.IepNomisEventType,
            IepSeq = _options.NumericIdsInEvents ? change.Sequence : change.Sequence.ToString(CultureInfo.InvariantCulture),
            AuditModuleName = change.AuditModuleName,
            IepLevel = change.IepLevel,
        };

        var envelope = new SnsNotification(
            MessageId: Guid.NewGuid().ToString(),
            Type: "Notification",
            Timestamp: now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            Message: JsonSerializer.Serialize(message, NomisJson.Options),
            TopicArn: _options.TopicArn,
            MessageAttributes: new SnsMessageAttributes(
                EventType: new SnsMessageAttribute("String", change.EventType),
                Id: new SnsMessageAttribute("String", Guid.NewGuid().ToString()),
                ContentType: new SnsMessageAttribute("String", "text/plain;charset=UTF-8"),
                Timestamp: new SnsMessageAttribute(
                    "Number.java.lang.Long",
                    now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))));
        return new EventRecord(change, eventId, envelope);
    }
}
