namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Statuses of a CAS2 application this hub records.</summary>
public static class Cas2ApplicationStatuses
{
    public const string InProgress = "IN_PROGRESS";
    public const string Submitted = "SUBMITTED";
}
