namespace OrleansSync.Grains.AccountingPoints;

/// <summary>A stored row of a time-dependent table.</summary>
public sealed record StoredPeriod<T>(long Id, T Value, DateTimeOffset From, DateTimeOffset? To)
{
    public bool Overlaps(DateTimeOffset from, DateTimeOffset? to) =>
        (To is null || To > from) && (to is null || From < to);
}

/// <summary>What to write to make the stored rows mirror the adapter's timeline.</summary>
public sealed record TimelinePlan<T>(
    IReadOnlyList<TimelinePeriod<T>> Inserts,
    IReadOnlyList<StoredPeriod<T>> Updates,
    IReadOnlyList<long> Deletes)
{
    public bool IsEmpty => Inserts.Count == 0 && Updates.Count == 0 && Deletes.Count == 0;
}

/// <summary>
/// Diffs one time-dependent list (end users, suppliers or grid areas of one point) against what the
/// adapter returned for valid_from onwards. Rows are matched by their start, as FIS' MERGE matches on
/// (accounting point, lower(valid_time_range)), so an unchanged period keeps its row id and history.
/// <list type="bullet">
/// <item>a returned period with a stored row of the same start: update the row when value or end differ;</item>
/// <item>a returned period with no such row: insert;</item>
/// <item>a stored row with no returned period: delete it if it reaches into [valid_from, ∞) (the adapter
/// speaks for that window, so a period it no longer returns is gone) or overlaps a returned period;
/// keep it otherwise. FIS deletes those too; keeping rows that end before valid_from means a later
/// valid_from (a unit's start moved forward) does not erase history the adapter was not asked about.</item>
/// </list>
/// </summary>
public static class TimelineMerge
{
    public static TimelinePlan<T> Plan<T>(
        IReadOnlyList<StoredPeriod<T>> stored,
        IReadOnlyList<TimelinePeriod<T>> returned,
        DateTimeOffset validFrom)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(returned);
        var storedByStart = new Dictionary<DateTimeOffset, StoredPeriod<T>>();
        foreach (var row in stored)
        {
            storedByStart[row.From] = row;
        }

        var inserts = new List<TimelinePeriod<T>>();
        var updates = new List<StoredPeriod<T>>();
        var matched = new HashSet<long>();
        foreach (var period in returned)
        {
            if (storedByStart.TryGetValue(period.From, out var row))
            {
                matched.Add(row.Id);
                if (!EqualityComparer<T>.Default.Equals(row.Value, period.Value) || row.To != period.To)
                {
                    updates.Add(row with { Value = period.Value, To = period.To });
                }
            }
            else
            {
                inserts.Add(period);
            }
        }

        var deletes = stored
            .Where(row => !matched.Contains(row.Id)
                && (row.Overlaps(validFrom, null) || returned.Any(period => row.Overlaps(period.From, period.To))))
            .Select(row => row.Id)
            .ToList();

        return new TimelinePlan<T>(inserts, updates, deletes);
    }
}
