namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Norwegian civil time. FIS stores every period bound at midnight Europe/Oslo; Norway changes clocks at
/// 02:00/03:00, so local midnight always exists and is unambiguous.
/// </summary>
public static class OsloTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    /// <summary>Midnight at the start of <paramref name="date"/> in Oslo.</summary>
    public static DateTimeOffset Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static bool IsMidnight(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).TimeOfDay == TimeSpan.Zero;

    /// <summary>Midnight at the start of today in Oslo.</summary>
    public static DateTimeOffset Today(TimeProvider time) => Midnight(DateOf(time.GetUtcNow()));

    /// <summary>RFC 3339 with Oslo's offset, as the adapter's examples write bounds: 2024-01-01T00:00:00+01:00.</summary>
    public static string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
