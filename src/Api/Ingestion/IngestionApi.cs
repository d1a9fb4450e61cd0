using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansSync.Api.Http;
using OrleansSync.Api.Security;
using OrleansSync.Postgres.Streams;

namespace OrleansSync.Api.Ingestion;

/// <summary>
/// <c>POST /events/{source}</c>: the front door for upstream events. The whole request is checked
/// before anything is written; then SNS subscription messages are recorded (never fetched), routed
/// events are appended to the source's stream in one transaction (idempotent by message id), and
/// skipped events are recorded; the answer is 202 with a receipt. Admin views of what was skipped
/// and which subscriptions wait for confirmation sit beside it.
/// </summary>
public static class IngestionApi
{
    /// <summary>The largest page of skipped events or confirmations one request returns.</summary>
    public const int MaxPageSize = 1000;

    public const int DefaultPageSize = 100;

    private const int MaxStreamKeyLength = 400;

    public static IEndpointRouteBuilder MapIngestionApi(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/events").WithTags("Event ingestion");

        events.MapPost("/{source}", IngestAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("IngestEvents")
            .WithSummary("Ingest events from an upstream system")
            .WithDescription(
                "Accepts an SNS message (Notification, or a SubscriptionConfirmation / UnsubscribeConfirmation, which is recorded for an operator " +
                "and never fetched), an SQS batch ({\"Records\":[{\"messageId\",\"body\"}]}, body being an SNS message or an event), or one raw event. " +
                "The whole request is validated first: any error refuses all of it with 400 naming the record and field. Events are appended to the " +
                "source's stream idempotently by message id (SNS MessageId; SQS messageId; for a raw event the Idempotency-Key or X-Message-Id header, " +
                "else the event's own id if the source reads one, else sha256 of the body). Event types the source does not handle are recorded as skipped.")
            .Accepts<JsonElement>("application/json")
            .Produces<IngestionReceipt>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        events.MapGet("/sources", ListSources)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListEventSources")
            .WithSummary("List the event sources and the stream namespace each feeds");

        events.MapGet("/skipped", ListSkippedAsync)
            .RequireAuthorization(ApiPolicies.Read)
            .WithName("ListSkippedEvents")
            .WithSummary("List events that were acknowledged but skipped (types no domain handles); payloads for operators and admins only")
            .ProducesValidationProblem();

        // Operators: a SubscribeURL confirms a subscription to whoever holds it.
        events.MapGet("/subscription-confirmations", ListConfirmationsAsync)
            .RequireAuthorization(ApiPolicies.Write)
            .WithName("ListSnsSubscriptionConfirmations")
            .WithSummary("List SNS subscription messages waiting for an operator to confirm them")
            .ProducesValidationProblem();

        return app;
    }

    internal static async Task<Results<Accepted<IngestionReceipt>, ValidationProblem, ProblemHttpResult>> IngestAsync(
        string source,
        HttpRequest request,
        [AsParameters] IngestionServices services,
        CancellationToken cancellationToken)
    {
        if (!services.Sources.TryGet(source, out var eventSource))
        {
            return ApiProblems.NotFound("Unknown event source",
                $"No event source is named '{Shorten(source)}'. Known sources: {string.Join(", ", services.Sources.All.Select(s => s.Name))}.");
        }

        if (!request.HasJsonContentType())
        {
            return ApiProblems.UnsupportedMediaType("Send the body as JSON (Content-Type: application/json).");
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (RequestBodyTooLargeException tooLarge)
        {
            return ApiProblems.TooLarge(tooLarge.Limit);
        }

        var parsed = InboundParser.Parse(body, Header(request, InboundParser.IdempotencyKeyHeader), Header(request, InboundParser.MessageIdHeader));
        try
        {
            var plan = Classify(eventSource, parsed, services.Producer);
            if (parsed.Errors.Count > 0)
            {
                services.Metrics.Count(source, "rejected", Math.Max(1, parsed.Messages.Count));
                services.Logger.LogWarning("Refused a {Shape} request to event source {Source}: {Errors}",
                    parsed.Shape, source, string.Join("; ", parsed.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                return ApiProblems.Invalid(parsed.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal),
                    "Nothing of this request was accepted; correct the fields named in 'errors' and send it again.");
            }

            return TypedResults.Accepted((string?)null, await ApplyAsync(eventSource, plan, services, cancellationToken));
        }
        finally
        {
            parsed.DisposeEvents();
        }
    }

    internal static Ok<IReadOnlyList<EventSourceInfo>> ListSources([AsParameters] IngestionServices services) =>
        TypedResults.Ok<IReadOnlyList<EventSourceInfo>>(
            [.. services.Sources.All.Select(s => new EventSourceInfo(s.Name, s.StreamNamespace, EventSourceRegistry.IsPlaceholder(s), services.Producer.HasSubscribers(s.StreamNamespace)))]);

    internal static async Task<Results<Ok<IReadOnlyList<SkippedEvent>>, ValidationProblem>> ListSkippedAsync(
        [AsParameters] IngestionServices services,
        HttpContext context,
        string? source = null,
        long? after = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        if (ApiProblems.InvalidPage(after, limit, MaxPageSize) is { } errors)
        {
            return errors;
        }

        var skipped = await services.Store.ListSkippedAsync(source, after, limit ?? DefaultPageSize, cancellationToken);
        return TypedResults.Ok(ApiRoles.SeesPayloads(context.User) ? skipped : [.. skipped.Select(e => e with { Payload = null })]);
    }

    internal static async Task<Results<Ok<IReadOnlyList<SnsConfirmation>>, ValidationProblem>> ListConfirmationsAsync(
        [AsParameters] IngestionServices services,
        string? source = null,
        long? after = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        if (ApiProblems.InvalidPage(after, limit, MaxPageSize) is { } errors)
        {
            return errors;
        }

        return TypedResults.Ok(await services.Store.ListConfirmationsAsync(source, after, limit ?? DefaultPageSize, cancellationToken));
    }

    /// <summary>Classifies every event; classification problems join the parser's errors, so one 400 names them all.</summary>
    private static List<PlannedMessage> Classify(EventSource source, InboundParser parsed, IStreamProducer producer)
    {
        var plan = new List<PlannedMessage>();
        var hasSubscribers = producer.HasSubscribers(source.StreamNamespace);

        // One id names one message: a request that repeats an id is ambiguous (which body is the message?), so it is refused whole.
        var firstFieldById = new Dictionary<string, string>(StringComparer.Ordinal);
        bool Repeats(InboundMessage message, string messageId)
        {
            if (firstFieldById.TryAdd(messageId, message.Field))
            {
                return false;
            }

            parsed.AddError(message.Field, $"Repeats the message id of {firstFieldById[messageId]}; send each message once.");
            return true;
        }

        foreach (var message in parsed.Messages)
        {
            if (message is InboundConfirmation confirmation)
            {
                if (Repeats(message, confirmation.MessageId))
                {
                    continue;
                }

                plan.Add(new PlannedMessage(message, confirmation.MessageId, confirmation.MessageType, null, null));
                continue;
            }

            var inbound = (InboundEvent)message;
            EventClassification classification;
            try
            {
                classification = source.Classify(inbound.Event.RootElement)
                    ?? throw new InvalidOperationException("The classification returned nothing.");
            }
            catch (Exception error) when (error is not OutOfMemoryException)
            {
                parsed.AddError(inbound.Field, $"The event could not be read by source '{source.Name}': {error.Message}");
                continue;
            }

            var eventType = string.IsNullOrWhiteSpace(classification.EventType) ? "unknown" : classification.EventType;
            if (classification.Error is not null)
            {
                parsed.AddError(inbound.Field, $"Invalid {eventType} event: {classification.Error}");
                continue;
            }

            var messageId = inbound.GivenId ?? classification.MessageId ?? inbound.ContentHashId;
            if (Repeats(message, messageId))
            {
                continue;
            }

            if (classification.StreamKey is null)
            {
                plan.Add(new PlannedMessage(message, messageId, eventType, null, classification.Reason ?? $"Event type '{eventType}' is not handled by source '{source.Name}'."));
            }
            else if (string.IsNullOrWhiteSpace(classification.StreamKey) || classification.StreamKey.Length > MaxStreamKeyLength)
            {
                parsed.AddError(inbound.Field, $"Invalid {eventType} event: the entity key it names must be 1 to {MaxStreamKeyLength} characters.");
            }
            else if (!hasSubscribers)
            {
                // The runtime would drop the append silently; recording it as skipped keeps it visible and recoverable.
                plan.Add(new PlannedMessage(message, messageId, eventType, null, $"No grain subscribes to stream namespace '{source.StreamNamespace}'."));
            }
            else
            {
                plan.Add(new PlannedMessage(message, messageId, eventType, classification.StreamKey, null));
            }
        }

        return plan;
    }

    private static async Task<IngestionReceipt> ApplyAsync(EventSource source, List<PlannedMessage> plan, IngestionServices services, CancellationToken cancellationToken)
    {
        var confirmations = plan.Select(p => p.Message).OfType<InboundConfirmation>().ToList();
        var routed = plan.Where(p => p.StreamKey is not null).ToList();
        var skipped = plan.Where(p => p.Message is InboundEvent && p.StreamKey is null).ToList();

        // Confirmations first: a request that fails after them is retried, and they de-duplicate by message id like everything else.
        await services.Store.RecordConfirmationsAsync(source.Name, confirmations, cancellationToken);
        var appended = routed.Count == 0 ? 0 : await services.Producer.AppendBatchAsync(
            [.. routed.Select(p => new StreamAppend(source.StreamNamespace, p.StreamKey!, p.MessageId, ((InboundEvent)p.Message).PayloadJson))],
            cancellationToken);
        await services.Store.RecordSkippedAsync(
            [.. skipped.Select(p => (source.Name, p.MessageId, p.EventType ?? "unknown", p.Detail!, ((InboundEvent)p.Message).PayloadJson))],
            cancellationToken);

        var duplicates = routed.Count - appended;
        var routedOutcome = appended == routed.Count ? "appended" : appended == 0 ? "duplicate" : "accepted";
        var messages = new List<IngestedMessage>(plan.Count);
        foreach (var p in plan)
        {
            switch (p.Message)
            {
                case InboundConfirmation c:
                    services.Logger.LogWarning(
                        "SNS {MessageType} {MessageId} for topic {TopicArn} at event source {Source} was recorded and NOT confirmed: the gateway never fetches a SubscribeURL. An operator must review it (GET /events/subscription-confirmations) and confirm it out of band",
                        c.MessageType, c.MessageId, c.TopicArn, source.Name);
                    messages.Add(new IngestedMessage(p.Message.Index, p.MessageId, c.MessageType, "recorded", null,
                        "Recorded, not confirmed: this gateway never fetches SubscribeURL. An operator must review GET /events/subscription-confirmations and confirm the subscription out of band."));
                    break;
                case InboundEvent when p.StreamKey is null:
                    services.Logger.LogInformation("Event {Source} {MessageId} {EventType} skipped: {Reason}", source.Name, p.MessageId, p.EventType, p.Detail);
                    messages.Add(new IngestedMessage(p.Message.Index, p.MessageId, p.EventType, "skipped", null, p.Detail));
                    break;
                default:
                    services.Logger.LogInformation("Event {Source} {MessageId} {EventType} {Outcome} to {Namespace}/{StreamKey}",
                        source.Name, p.MessageId, p.EventType, routedOutcome, source.StreamNamespace, p.StreamKey);
                    messages.Add(new IngestedMessage(p.Message.Index, p.MessageId, p.EventType, routedOutcome, p.StreamKey, null));
                    break;
            }
        }

        services.Metrics.Count(source.Name, "appended", appended);
        services.Metrics.Count(source.Name, "duplicate", duplicates);
        services.Metrics.Count(source.Name, "skipped", skipped.Count);
        services.Metrics.Count(source.Name, "recorded", confirmations.Count);
        return new IngestionReceipt(source.Name, source.StreamNamespace, appended, duplicates, skipped.Count, confirmations.Count, messages);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static string Shorten(string value) => value.Length <= 100 ? value : value[..100] + "…";

    /// <summary>A message and what will be done with it: appended under <see cref="StreamKey"/>, or (null key) skipped for <see cref="Detail"/>.</summary>
    private sealed record PlannedMessage(InboundMessage Message, string MessageId, string? EventType, string? StreamKey, string? Detail);
}

/// <summary>An event source as GET /events/sources shows it.</summary>
/// <param name="Name">The path segment of POST /events/{source}.</param>
/// <param name="StreamNamespace">The stream its events go to.</param>
/// <param name="Placeholder">True while no domain handles the source: its events are recorded as skipped.</param>
/// <param name="HasSubscribers">False when nothing subscribes to the namespace, so its events are recorded as skipped.</param>
public sealed record EventSourceInfo(string Name, string StreamNamespace, bool Placeholder, bool HasSubscribers);
