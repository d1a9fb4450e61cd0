using System.Text.Json.Serialization;

namespace OrleansSync.Grains.Incentives.Nomis;

/// <summary>nomis-prisoner-api CreateIncentiveRequest (nomis-create-incentive-request.json); <see cref="IepDateTime"/> is a Java LocalDateTime.</summary>
public sealed record NomisCreateIncentiveRequest(
    [property: JsonPropertyName("iepLevel")] string IepLevel,
    [property: JsonPropertyName("comments")] string? Comments,
    [property: JsonPropertyName("iepDateTime")] string IepDateTime,
    [property: JsonPropertyName("prisonId")] string PrisonId,
    [property: JsonPropertyName("userId")] string? UserId);
