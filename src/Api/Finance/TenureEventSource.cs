using System.Text.Json;
using OrleansSync.Api.Ingestion;
using OrleansSync.Grains.Finance;

namespace OrleansSync.Api.Finance;

/// <summary>
/// Hackney tenure events at <c>POST /events/tenure</c> (an SNS notification, an SQS batch or a raw
/// EntityEventSns), appended to stream <see cref="FinanceStreams.TenureEvents"/> keyed by tenure id and
/// de-duplicated by the envelope's id. Types the finance flow does not handle are recorded as skipped
/// and acknowledged, never retried into a dead letter (the maintainers' ADR, contracts §6).
/// </summary>
public static class TenureEventSource
{
    public static EventSource Create() => new(FinanceStreams.TenureSource, FinanceStreams.TenureEvents, Classify);

    public static EventClassification Classify(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return EventClassification.Invalid("unknown", "the event must be a JSON object (an EntityEventSns).");
        }

        if (TenureEventEnvelope.EventTypeOf(message) is not { Length: > 0 } eventType)
        {
            return EventClassification.Invalid("unknown", "eventType is required (a string).");
        }

        if (!TenureEventTypes.Handled.Contains(eventType))
        {
            return EventClassification.Skip(eventType,
                $"The finance sync handles only {string.Join(", ", TenureEventTypes.Handled.Order(StringComparer.Ordinal))}; this event is kept in the skipped-events table.");
        }

        return TenureEventEnvelope.TryParse(message, out var envelope, out var error)
            ? EventClassification.Route(eventType, envelope!.EntityId.ToString("D")) with { MessageId = envelope.Id?.ToString("D") }
            : EventClassification.Invalid(eventType, error!);
    }
}
