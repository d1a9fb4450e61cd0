namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>One entry of an application's timeline (CAS2 Cas2TimelineEvent: type, occurredAt, label, body, createdByName).</summary>
[GenerateSerializer, Immutable]
public sealed record Cas2TimelineEvent(string Type, DateTimeOffset OccurredAt, string Label, string? Body, string? CreatedByName)
{
    public const string ApplicationSubmitted = "cas2ApplicationSubmitted";
    public const string PrisonTransfer = "cas2PrisonTransfer";
    public const string NewPomAssigned = "cas2NewPomAssigned";
}
