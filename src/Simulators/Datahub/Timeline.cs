namespace OrleansSync.Simulators.Datahub;

/// <summary>Operations on a time-dependent list: the valid_from filter, validation and splicing a change in.</summary>
internal static class Timeline
{
    /// <summary>
    /// The adapter's <c>valid_from</c>/<c>valid_to</c> filter: periods that overlap [from, to). Periods are returned
    /// whole, not clipped, because FIS merges on (accounting point, lower bound): clipping would make every sync
    /// with a different start date look like a new period.
    /// </summary>
    public static IReadOnlyList<T> Overlapping<T>(IReadOnlyList<T> periods, DateTimeOffset from, DateTimeOffset? to)
        where T : ITimelinePeriod =>
        periods.Where(p => (p.ValidTo is null || p.ValidTo > from) && (to is null || p.ValidFrom < to)).ToList();

    /// <summary>Null when the list is ordered, every range is non-empty and no two ranges overlap.</summary>
    public static string? Validate<T>(IReadOnlyList<T> periods, string listName)
        where T : ITimelinePeriod
    {
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            if (period.ValidTo is { } to && to <= period.ValidFrom)
            {
                return $"{listName}[{i}]: valid_to must be after valid_from.";
            }

            if (i == 0)
            {
                continue;
            }

            var previous = periods[i - 1];
            if (previous.ValidFrom >= period.ValidFrom)
            {
                return $"{listName}[{i}]: periods must be ordered by valid_from.";
            }

            if (previous.ValidTo is null || previous.ValidTo > period.ValidFrom)
            {
                return $"{listName}[{i}]: overlaps {listName}[{i - 1}].";
            }
        }

        return null;
    }

    /// <summary>
    /// Sets the value over [from, to) (to = null: open-ended): periods overlapping the range are cut back to the
    /// parts outside it and <paramref name="replacement"/>, when given, fills it. With no replacement the range
    /// becomes a gap (a move-out, a supplier contract ended).
    /// </summary>
    public static IReadOnlyList<T> Splice<T>(IReadOnlyList<T> periods, DateTimeOffset from, DateTimeOffset? to, T? replacement)
        where T : class, ITimelinePeriod
    {
        var result = new List<T>();
        foreach (var period in periods)
        {
            var overlaps = (period.ValidTo is null || period.ValidTo > from) && (to is null || period.ValidFrom < to);
            if (!overlaps)
            {
                result.Add(period);
                continue;
            }

            if (period.ValidFrom < from)
            {
                result.Add((T)period.WithValidity(period.ValidFrom, from));
            }

            if (to is { } end && (period.ValidTo is null || period.ValidTo > end))
            {
                result.Add((T)period.WithValidity(end, period.ValidTo));
            }
        }

        if (replacement is not null)
        {
            result.Add((T)replacement.WithValidity(from, to));
        }

        return result.OrderBy(p => p.ValidFrom).ToList();
    }
}
