namespace OrleansSync.Grains.ReferenceData;

/// <summary>incentives-api's ErrorCode values for reference data (HmppsIncentivesApiExceptionHandler), CONTRACTS.md §3.5.</summary>
public static class IncentiveLevelErrorCodes
{
    public const int IncentiveLevelActiveIfRequired = 100;
    public const int IncentiveLevelActiveIfActiveInPrison = 101;
    public const int IncentiveLevelCodeNotUnique = 102;
    public const int IncentiveLevelReorderNeedsFullSet = 103;
    public const int PrisonIncentiveLevelActiveIfRequired = 200;
    public const int PrisonIncentiveLevelActiveIfDefault = 201;
    public const int PrisonIncentiveLevelActiveIfPrisonersExist = 202;
    public const int PrisonIncentiveLevelNotGloballyActive = 203;
    public const int PrisonIncentiveLevelDefaultRequired = 204;
}
