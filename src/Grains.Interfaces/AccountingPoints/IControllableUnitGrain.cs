
namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// One controllable unit, keyed by its id (a GUID, "D" format, lower case). Minimal registry: the sync
/// only needs to know which points have units and from when.
/// </summary>
public interface IControllableUnitGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the unit, then tells its accounting point (which fetches itself at once if it was never fetched).</summary>
    Task<ControllableUnitRegistrationResult> RegisterAsync(ControllableUnitRegistration registration);

    /// <summary>The unit, or null when it is not registered.</summary>
    Task<ControllableUnit?> GetAsync();
}
