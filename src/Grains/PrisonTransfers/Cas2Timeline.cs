namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// An application's timeline, built from its rows rather than stored: the submission, then each later
/// assignment as CAS2 labels it (an assignment without a POM is a move, one with a POM a new POM).
/// The first assignment is the submission's own (referring prison, creator as POM) and has no entry.
/// </summary>
internal static class Cas2Timeline
{
    public static IReadOnlyList<Cas2TimelineEvent> Of(Cas2ApplicationSummary application, IReadOnlyList<Cas2Assignment> assignments)
    {
        var entries = new List<Cas2TimelineEvent>();
        if (application.SubmittedAt is { } submittedAt)
        {
            entries.Add(new Cas2TimelineEvent(Cas2TimelineEvent.ApplicationSubmitted, submittedAt, "Application submitted", null, application.CreatedByUserName));
        }

        for (var i = 1; i < assignments.Count; i++)
        {
            var assignment = assignments[i];
            entries.Add(assignment.AllocatedPomUserId is null
                ? new Cas2TimelineEvent(Cas2TimelineEvent.PrisonTransfer, assignment.CreatedAt, $"Prison transfer from {assignments[i - 1].PrisonCode} to {assignment.PrisonCode}", null, null)
                : new Cas2TimelineEvent(Cas2TimelineEvent.NewPomAssigned, assignment.CreatedAt, $"New Prison offender manager {assignment.AllocatedPomName} allocated", null, null));
        }

        // Newest first, as CAS2 shows it; entries of one instant keep the order they were written in.
        entries.Reverse();
        return entries;
    }
}
