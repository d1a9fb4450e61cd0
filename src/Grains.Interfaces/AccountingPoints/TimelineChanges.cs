namespace OrleansSync.Grains.AccountingPoints;

/// <summary>What a merge did to the time-dependent rows (end users, suppliers, grid areas together) and the location.</summary>
[GenerateSerializer, Immutable]
public sealed record TimelineChanges(int Inserted, int Updated, int Deleted, bool LocationChanged)
{
    public static TimelineChanges None { get; } = new(0, 0, 0, false);

    public bool Any => Inserted + Updated + Deleted > 0 || LocationChanged;

    public TimelineChanges Add(int inserted, int updated, int deleted) =>
        this with { Inserted = Inserted + inserted, Updated = Updated + updated, Deleted = Deleted + deleted };
}
