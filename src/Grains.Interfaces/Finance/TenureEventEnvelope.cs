using System.Text.Json;

namespace OrleansSync.Grains.Finance;

/// <summary>
/// What the finance flow reads of a Hackney EntityEventSns (contracts §1): its id, type, correlation id
/// and the tenure it is about. eventData is not read: the listener re-fetches the tenure by entityId,
/// as Hackney's listeners do, so nulls and default dates in it do no harm.
/// </summary>
public sealed record TenureEventEnvelope(string EventType, Guid EntityId, Guid? Id, Guid? CorrelationId)
{
    /// <summary>The event's type, or null when it has none (a string "eventType").</summary>
    public static string? EventTypeOf(JsonElement message) =>
        message.ValueKind == JsonValueKind.Object && message.TryGetProperty("eventType", out var type) && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    /// <summary>Reads the envelope; the error names the field (entityId must be a non-empty GUID; id and correlationId GUIDs when present).</summary>
    public static bool TryParse(JsonElement message, out TenureEventEnvelope? envelope, out string? error)
    {
        envelope = null;
        if (EventTypeOf(message) is not { Length: > 0 } eventType)
        {
            error = "eventType is required (a string).";
            return false;
        }

        if (!message.TryGetProperty("entityId", out var entity) || entity.ValueKind != JsonValueKind.String
            || !Guid.TryParse(entity.GetString(), out var entityId) || entityId == Guid.Empty)
        {
            error = "entityId is required: the tenure's id, a non-empty GUID.";
            return false;
        }

        if (!TryOptionalGuid(message, "id", out var id) || !TryOptionalGuid(message, "correlationId", out var correlationId))
        {
            error = !TryOptionalGuid(message, "id", out _) ? "id must be a GUID." : "correlationId must be a GUID.";
            return false;
        }

        envelope = new TenureEventEnvelope(eventType, entityId, id, correlationId == Guid.Empty ? null : correlationId);
        error = null;
        return true;
    }

    private static bool TryOptionalGuid(JsonElement message, string name, out Guid? value)
    {
        value = null;
        if (!message.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.String && Guid.TryParse(element.GetString(), out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }
}
