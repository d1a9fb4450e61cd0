using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// The incentives.iep-review.* HMPPS domain events exactly as incentives-api's SnsService writes them
/// (incentives-iep-review-inserted-domain-event.json): every additionalInformation key present, nulls
/// included; version the string "1.0"; occurredAt the review time with its UK offset.
/// </summary>
internal static class IncentiveDomainEvents
{
    public static readonly IReadOnlyDictionary<string, string> Descriptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [IncentiveReviewEvent.Inserted] = "An IEP review has been added",
        [IncentiveReviewEvent.Updated] = "An IEP review has been updated",
        [IncentiveReviewEvent.Deleted] = "An IEP review has been deleted",
    };

    public static string Create(string eventType, long reviewId, string nomsNumber, string? reason, DateTime reviewTime)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("eventType", eventType);
            json.WriteStartObject("additionalInformation");
            json.WriteNumber("id", reviewId);
            json.WriteString("nomsNumber", nomsNumber);
            WriteNullable(json, "reason", reason);
            foreach (var absent in (string[])["removedNomsNumber", "nextReviewDate", "bookingId", "alertsAdded", "alertsRemoved", "incentiveLevel", "prisonId"])
            {
                json.WriteNull(absent);
            }

            json.WriteEndObject();
            json.WriteString("version", "1.0");
            json.WriteString("occurredAt", OffsetDateTime(LondonTime.WithOffset(reviewTime)));
            json.WriteString("description", Descriptions[eventType]);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Java's ISO_OFFSET_DATE_TIME: the fraction only when there is one, the offset as +hh:mm.</summary>
    public static string OffsetDateTime(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
