namespace OrleansSync.Grains.Incentives;

/// <summary>NOMIS and incentives-api keep zone-less local times in UK time; these convert to and from instants.</summary>
internal static class LondonTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>Now as a local date-time, to the second (the precision a review is recorded with).</summary>
    public static DateTime Now(TimeProvider time)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime;
        return new DateTime(local.Ticks - (local.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
    }

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time));

    /// <summary>A local time with its UK offset; a time in the spring-forward gap gets the standard offset.</summary>
    public static DateTimeOffset WithOffset(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    /// <summary>A local time from a value that may carry a zone (UTC or offset from JSON): converted to UK time.</summary>
    public static DateTime ToLocal(DateTime value) => value.Kind switch
    {
        DateTimeKind.Unspecified => value,
        _ => DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(value, Zone), DateTimeKind.Unspecified),
    };
}
