namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// The <c>assignmentType</c> filters of CAS2's list of applications (hmpps-approved-premises-api
/// AssignmentType), which answer the ADR's "never moved, transferred out, transferred in".
/// </summary>
public static class AssignmentTypes
{
    /// <summary>Submitted, and the user is the current POM.</summary>
    public const string Allocated = "ALLOCATED";

    /// <summary>Submitted, the user was a POM of it once and is not now (transferred out).</summary>
    public const string Deallocated = "DEALLOCATED";

    /// <summary>Created by the user and not submitted yet.</summary>
    public const string InProgress = "IN_PROGRESS";

    /// <summary>Submitted, at the user's prison (caseload) now, with a POM allocated.</summary>
    public const string Prison = "PRISON";

    /// <summary>Submitted, at the user's prison now, no POM allocated yet (transferred in, awaiting a POM).</summary>
    public const string Unallocated = "UNALLOCATED";

    public static IReadOnlyList<string> All { get; } = [Allocated, Deallocated, InProgress, Prison, Unallocated];

    /// <summary>The filters that need the user (the others need the caseload).</summary>
    public static bool NeedsUser(string assignmentType) => assignmentType is Allocated or Deallocated or InProgress;
}
