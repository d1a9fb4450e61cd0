using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>The domain events the simulators raise, in the shapes of CONTRACTS.md §1.2–1.4.</summary>
internal static class TransfersDomainEvents
{
    public const string PrisonerUpdatedType = "prisoner-offender-search.prisoner.updated";
    public const string AllocationChangedType = "offender-management.allocation.changed";
    public const string PrisonerMergedType = "prison-offender-events.prisoner.merged";

    public static (string EventType, string NomsNumber, JsonObject Message) PrisonerUpdated(string nomsNumber, string baseUrl, DateTimeOffset now) =>
        (PrisonerUpdatedType, nomsNumber, new JsonObject
        {
            ["eventType"] = PrisonerUpdatedType,
            ["version"] = 1,
            ["description"] = "A prisoner record has been updated",
            ["occurredAt"] = OffsetDateTime(now),
            ["detailUrl"] = $"{baseUrl.TrimEnd('/')}/sim/prisoner-search/prisoner/{nomsNumber}",
            ["additionalInformation"] = new JsonObject
            {
                ["nomsNumber"] = nomsNumber,
                ["categoriesChanged"] = new JsonArray("LOCATION"),
            },
            ["personReference"] = PersonReference(nomsNumber),
        });

    public static (string EventType, string NomsNumber, JsonObject Message) AllocationChanged(string nomsNumber, string baseUrl, DateTimeOffset now) =>
        (AllocationChangedType, nomsNumber, new JsonObject
        {
            ["eventType"] = AllocationChangedType,
            ["detailUrl"] = $"{baseUrl.TrimEnd('/')}/sim/pom-allocations/allocation/{nomsNumber}/primary_pom",
            ["occurredAt"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["personReference"] = PersonReference(nomsNumber),
        });

    public static (string EventType, string NomsNumber, JsonObject Message) PrisonerMerged(string removed, string kept, long? bookingId, DateTimeOffset now)
    {
        var information = new JsonObject { ["nomsNumber"] = kept, ["reason"] = "MERGE", ["removedNomsNumber"] = removed };
        if (bookingId is { } booking)
        {
            // A string, as prison-offender-events sends it.
            information["bookingId"] = booking.ToString(CultureInfo.InvariantCulture);
        }

        return (PrisonerMergedType, kept, new JsonObject
        {
            ["eventType"] = PrisonerMergedType,
            ["version"] = 1,
            ["occurredAt"] = OffsetDateTime(now),
            ["publishedAt"] = OffsetDateTime(now),
            ["description"] = $"A prisoner has been merged from {removed} to {kept}",
            ["additionalInformation"] = information,
            ["personReference"] = PersonReference(kept),
        });
    }

    private static JsonObject PersonReference(string nomsNumber) => new()
    {
        ["identifiers"] = new JsonArray(new JsonObject { ["type"] = "NOMS", ["value"] = nomsNumber }),
    };

    private static string OffsetDateTime(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, Common.SimulatorTimeZones.London).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
}
