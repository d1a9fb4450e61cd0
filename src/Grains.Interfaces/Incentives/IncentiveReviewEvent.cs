using System.Text.Json;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// An incentives.iep-review.* domain event as a consumer reads it: the review id, and the NOMS number
/// and reason when present (the SNS fixture carries only <c>{"id":"12"}</c>, as a string).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record IncentiveReviewEvent(string EventType, long ReviewId, string? NomsNumber, string? Reason)
{
    public const string Inserted = "incentives.iep-review.inserted";
    public const string Updated = "incentives.iep-review.updated";
    public const string Deleted = "incentives.iep-review.deleted";

    /// <summary>Set by the NOMIS→DPS sync: the review came from NOMIS and must not be pushed back.</summary>
    public const string UserCreatedNomis = "USER_CREATED_NOMIS";

    public static bool IsReviewEvent(string? eventType) => eventType is Inserted or Updated or Deleted;

    public static bool TryParse(JsonElement element, out IncentiveReviewEvent? parsed, out string? error)
    {
        parsed = null;
        var eventType = JsonFields.String(element, "eventType");
        if (!IsReviewEvent(eventType))
        {
            error = $"eventType must be one of {Inserted}, {Updated}, {Deleted}.";
            return false;
        }

        if (JsonFields.IsMissing(element, "additionalInformation")
            || element.GetProperty("additionalInformation") is not { ValueKind: JsonValueKind.Object } information)
        {
            error = "additionalInformation is required (an object with the review id).";
            return false;
        }

        if (!JsonFields.TryLong(information, "id", out var id) || id <= 0)
        {
            error = JsonFields.IsMissing(information, "id")
                ? "additionalInformation.id is required."
                : "additionalInformation.id must be a positive whole number (a number or a string of digits).";
            return false;
        }

        var nomsNumber = JsonFields.String(information, "nomsNumber");
        if (nomsNumber is not null && !PrisonerNumbers.IsValid(nomsNumber))
        {
            error = "additionalInformation.nomsNumber must be a NOMS number such as A1234AA.";
            return false;
        }

        parsed = new IncentiveReviewEvent(eventType!, id, nomsNumber, JsonFields.String(information, "reason"));
        error = null;
        return true;
    }
}
