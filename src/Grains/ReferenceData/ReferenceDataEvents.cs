using System.Text;
using System.Text.Json;
using OrleansSync.Grains.Incentives;

namespace OrleansSync.Grains.ReferenceData;

/// <summary>
/// The reference-data HMPPS domain events exactly as incentives-api's SnsService writes them
/// (incentives-level-changed-domain-event.json, incentives-levels-reordered-domain-event.json,
/// incentives-prison-level-changed-domain-event.json): version the string "1.0", occurredAt now with its UK
/// offset, no additionalInformation on a reorder.
/// </summary>
internal static class ReferenceDataEvents
{
    public const string LevelChanged = "incentives.level.changed";
    public const string LevelsReordered = "incentives.levels.reordered";
    public const string PrisonLevelChanged = "incentives.prison-level.changed";

    public static string Level(string code, TimeProvider time) =>
        Write(LevelChanged, $"An incentive level has been changed: {code}", time, json => json.WriteString("incentiveLevel", code));

    public static string Reordered(TimeProvider time) => Write(LevelsReordered, "Incentive levels have been re-ordered", time, null);

    public static string PrisonLevel(string prisonId, string code, TimeProvider time) =>
        Write(PrisonLevelChanged, $"Incentive level ({code}) in prison {prisonId} has been updated", time, json =>
        {
            json.WriteString("incentiveLevel", code);
            json.WriteString("prisonId", prisonId);
        });

    /// <summary>The level code the event names (additionalInformation.incentiveLevel), or null.</summary>
    public static string? IncentiveLevelOf(JsonElement payload) =>
        payload.TryGetProperty("additionalInformation", out var info) && info.ValueKind == JsonValueKind.Object
            && info.TryGetProperty("incentiveLevel", out var level) && level.ValueKind == JsonValueKind.String
            ? level.GetString()
            : null;

    internal static string Write(string eventType, string description, TimeProvider time, Action<Utf8JsonWriter>? additionalInformation)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventType", eventType);
            if (additionalInformation is not null)
            {
                json.WriteStartObject("additionalInformation");
                additionalInformation(json);
                json.WriteEndObject();
            }

            json.WriteString("version", "1.0");
            json.WriteString("occurredAt", IncentiveDomainEvents.OffsetDateTime(LondonTime.WithOffset(LondonTime.Now(time))));
            json.WriteString("description", description);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
