namespace OrleansSync.Grains.Incentives;

public enum CreateReviewStatus
{
    Created,

    /// <summary>NOMIS knows no prisoner with that number, so there is no booking to record the review on.</summary>
    PrisonerNotFound,

    /// <summary>NOMIS could not be asked for the prisoner's booking and none is known from earlier reviews.</summary>
    BookingUnknown,

    /// <summary>The level is not active in the prisoner's prison (reference data).</summary>
    LevelNotActive,
}

/// <summary>The outcome of a DPS review create; <see cref="Review"/> is set when created.</summary>
[GenerateSerializer, Immutable]
public sealed record CreateReviewResult(CreateReviewStatus Status, IncentiveReviewDetail? Review, string? Detail);
