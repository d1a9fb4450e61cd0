namespace OrleansSync.Grains.ReferenceData;

public enum ReferenceDataErrorKind
{
    /// <summary>The level (or prison level's level) does not exist: 404.</summary>
    NotFound,

    /// <summary>A rule of incentives-api's §3.5 is broken: 400 with <see cref="ReferenceDataError.ErrorCode"/>.</summary>
    RuleViolation,
}

/// <summary>Why a reference-data change was refused, with incentives-api's error code and, where the rule has one, its moreInfo.</summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataError(ReferenceDataErrorKind Kind, int? ErrorCode, string Message, string? MoreInfo = null)
{
    public static ReferenceDataError NotFound(string message) => new(ReferenceDataErrorKind.NotFound, null, message);

    public static ReferenceDataError Rule(int errorCode, string message, string? moreInfo = null) =>
        new(ReferenceDataErrorKind.RuleViolation, errorCode, message, moreInfo);
}
