using System.Globalization;
using System.Text.Json;
using OrleansSync.Api.Ingestion;
using OrleansSync.Grains.AccountingPoints;

namespace OrleansSync.Api.AccountingPoints;

/// <summary>
/// Thin change events from the datahub at <c>POST /events/datahub</c>, appended to stream
/// <c>datahub-changes</c> keyed by GSRN (see <see cref="DatahubChangeEvents"/> for the shape). The point's
/// grain coalesces a burst into one sync soon.
/// </summary>
public static class DatahubEventSource
{
    public static EventSource Create() => new(DatahubChangeEvents.SourceName, DatahubChangeEvents.StreamNamespace, Classify);

    /// <summary>
    /// accounting-point-changed with a valid GSRN is routed (by GSRN, de-duplicated by eventId when present);
    /// other types are skipped; malformed events are refused naming the field.
    /// </summary>
    public static EventClassification Classify(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return EventClassification.Invalid("unknown", "the event must be a JSON object");
        }

        var eventType = Text(message, "eventType");
        if (string.IsNullOrWhiteSpace(eventType))
        {
            return EventClassification.Invalid("unknown", "eventType is required");
        }

        if (!string.Equals(eventType, DatahubChangeEvents.AccountingPointChanged, StringComparison.Ordinal))
        {
            return EventClassification.Skip(eventType, $"only {DatahubChangeEvents.AccountingPointChanged} events are handled");
        }

        if (Gsrn.Validate(Text(message, "gsrn")) is { } error)
        {
            return EventClassification.Invalid(eventType, $"gsrn: {error}");
        }

        if (message.TryGetProperty("occurredAt", out var occurredAt)
            && occurredAt.ValueKind != JsonValueKind.Null
            && (occurredAt.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(occurredAt.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
        {
            return EventClassification.Invalid(eventType, "occurredAt must be an RFC 3339 date-time");
        }

        // eventId, when the datahub sends one, de-duplicates redeliveries of a raw event.
        return EventClassification.Route(eventType, Text(message, "gsrn")!) with { MessageId = Text(message, "eventId") };
    }

    private static string? Text(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
