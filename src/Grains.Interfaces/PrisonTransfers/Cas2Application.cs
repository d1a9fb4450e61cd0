namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>An application with its assignments (oldest first) and its timeline (newest first, as CAS2 shows it).</summary>
[GenerateSerializer, Immutable]
public sealed record Cas2Application(
    Cas2ApplicationSummary Summary,
    string ReferringPrisonCode,
    IReadOnlyList<Cas2Assignment> Assignments,
    IReadOnlyList<Cas2TimelineEvent> Timeline);
