using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// A NOMIS IEP offender event (iep-upserted-offender-event.json): what NOMIS says changed, never the
/// data itself, which is fetched from NOMIS. <see cref="BookingId"/> and <see cref="IepSeq"/> arrive as
/// strings or numbers.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NomisOffenderEvent(
    string EventType,
    string OffenderIdDisplay,
    long BookingId,
    long IepSeq,
    string? AuditModuleName,
    string? IepLevel,
    string? EventId)
{
    public const string IepUpserted = "IEP_UPSERTED";
    public const string IepDeleted = "IEP_DELETED";

    public static bool IsIepEvent(string? eventType) => eventType is IepUpserted or IepDeleted;

    /// <summary>Reads an IEP event; on failure <paramref name="error"/> names the field and why.</summary>
    public static bool TryParse(JsonElement element, out NomisOffenderEvent? parsed, out string? error)
    {
        parsed = null;
        var eventType = JsonFields.String(element, "eventType");
        if (!IsIepEvent(eventType))
        {
            error = $"eventType must be {IepUpserted} or {IepDeleted}.";
            return false;
        }

        var offender = JsonFields.String(element, "offenderIdDisplay");
        if (!PrisonerNumbers.IsValid(offender))
        {
            error = JsonFields.IsMissing(element, "offenderIdDisplay")
                ? "offenderIdDisplay is required."
                : "offenderIdDisplay must be a NOMS number such as A1234AA.";
            return false;
        }

        if (!JsonFields.TryLong(element, "bookingId", out var bookingId) || bookingId <= 0)
        {
            error = JsonFields.IsMissing(element, "bookingId") ? "bookingId is required." : "bookingId must be a positive whole number (a number or a string of digits).";
            return false;
        }

        if (!JsonFields.TryLong(element, "iepSeq", out var sequence) || sequence <= 0)
        {
            error = JsonFields.IsMissing(element, "iepSeq") ? "iepSeq is required." : "iepSeq must be a positive whole number (a number or a string of digits).";
            return false;
        }

        var eventId = JsonFields.TryLong(element, "eventId", out var numericId) ? numericId.ToString(System.Globalization.CultureInfo.InvariantCulture) : JsonFields.String(element, "eventId");
        parsed = new NomisOffenderEvent(eventType!, offender!, bookingId, sequence, JsonFields.String(element, "auditModuleName"), JsonFields.String(element, "iepLevel"), eventId);
        error = null;
        return true;
    }
}
