namespace OrleansSync.Grains.Incentives;

/// <summary>Keys of the incentives grains that exist once.</summary>
public static class IncentiveGrainKeys
{
    /// <summary>The key of <see cref="IIncentiveMigrationsGrain"/> and <see cref="IIncentiveReconciliationsGrain"/>.</summary>
    public const string Domain = "incentives";
}
