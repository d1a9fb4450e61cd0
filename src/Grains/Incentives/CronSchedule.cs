using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// A five-field cron expression: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or
/// JAN-DEC) and day of week (0-7 or SUN-SAT, 0 and 7 both Sunday). Each field is <c>*</c>, a value, a
/// range <c>a-b</c>, a step <c>*/n</c>, <c>a-b/n</c> or <c>a/n</c>, or a comma list of those. As in
/// Vixie cron, when both day fields are restricted a day matching either runs; when one starts with
/// <c>*</c> only the other decides. Times are read in a time zone: a local time that a DST change skips
/// does not occur, and one it repeats occurs once (the first time).
/// </summary>
public sealed class CronSchedule
{
    /// <summary>Searching further than this for the next occurrence means the expression names a date that never comes (31 February).</summary>
    private const int MaxDaysAhead = 366 * 5;

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] _minutes;
    private readonly bool[] _hours;
    private readonly bool[] _daysOfMonth;
    private readonly bool[] _months;
    private readonly bool[] _daysOfWeek;
    private readonly bool _dayOfMonthStar;
    private readonly bool _dayOfWeekStar;

    private CronSchedule(string expression, bool[] minutes, bool[] hours, bool[] daysOfMonth, bool[] months, bool[] daysOfWeek, bool dayOfMonthStar, bool dayOfWeekStar)
    {
        Expression = expression;
        _minutes = minutes;
        _hours = hours;
        _daysOfMonth = daysOfMonth;
        _months = months;
        _daysOfWeek = daysOfWeek;
        _dayOfMonthStar = dayOfMonthStar;
        _dayOfWeekStar = dayOfWeekStar;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not valid; the message names the field and why.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var fields = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
        {
            error = $"'{expression}' has {fields.Length} fields; five are needed (minute hour day-of-month month day-of-week).";
            return false;
        }

        if (!TryField(fields[0], "minute", 0, 59, null, out var minutes, out error)
            || !TryField(fields[1], "hour", 0, 23, null, out var hours, out error)
            || !TryField(fields[2], "day-of-month", 1, 31, null, out var daysOfMonth, out error)
            || !TryField(fields[3], "month", 1, 12, MonthNames, out var months, out error)
            || !TryField(fields[4], "day-of-week", 0, 7, DayNames, out var daysOfWeek, out error))
        {
            return false;
        }

        // 7 is another name for Sunday.
        daysOfWeek[0] |= daysOfWeek[7];
        schedule = new CronSchedule(string.Join(' ', fields), minutes, hours, daysOfMonth, months, daysOfWeek, fields[2].StartsWith('*'), fields[4].StartsWith('*'));
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, reading the schedule in <paramref name="zone"/>; null if there is none within five years.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(after, zone).DateTime;
        var start = new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified).AddMinutes(1);
        for (var day = 0; day <= MaxDaysAhead; day++)
        {
            var date = start.Date.AddDays(day);
            if (!_months[date.Month] || !DayMatches(date))
            {
                continue;
            }

            for (var hour = day == 0 ? start.Hour : 0; hour < 24; hour++)
            {
                if (!_hours[hour])
                {
                    continue;
                }

                for (var minute = day == 0 && hour == start.Hour ? start.Minute : 0; minute < 60; minute++)
                {
                    if (_minutes[minute] && Resolve(date.AddHours(hour).AddMinutes(minute), zone, after) is { } occurrence)
                    {
                        return occurrence;
                    }
                }
            }
        }

        return null;
    }

    public override string ToString() => Expression;

    private bool DayMatches(DateTime date)
    {
        var dayOfMonth = _daysOfMonth[date.Day];
        var dayOfWeek = _daysOfWeek[(int)date.DayOfWeek];
        return (_dayOfMonthStar, _dayOfWeekStar) switch
        {
            (true, true) => true,
            (true, false) => dayOfWeek,
            (false, true) => dayOfMonth,
            _ => dayOfMonth || dayOfWeek,
        };
    }

    private static DateTimeOffset? Resolve(DateTime local, TimeZoneInfo zone, DateTimeOffset after)
    {
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        // A repeated local time: the earlier instant (the larger offset) first.
        var offsets = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).OrderByDescending(o => o)
            : (IEnumerable<TimeSpan>)[zone.GetUtcOffset(local)];
        foreach (var offset in offsets)
        {
            var occurrence = new DateTimeOffset(local, offset);
            if (occurrence > after)
            {
                return occurrence;
            }
        }

        return null;
    }

    private static bool TryField(string text, string name, int min, int max, string[]? names, out bool[] values, [NotNullWhen(false)] out string? error)
    {
        values = new bool[max + 1];
        foreach (var part in text.Split(','))
        {
            if (!TryPart(part, name, min, max, names, values, out error))
            {
                return false;
            }
        }

        error = null;
        return true;
    }

    private static bool TryPart(string part, string name, int min, int max, string[]? names, bool[] values, [NotNullWhen(false)] out string? error)
    {
        error = null;
        var slash = part.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? part : part[..slash];
        var step = 1;
        if (slash >= 0 && (!int.TryParse(part[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
        {
            error = $"The {name} field's step in '{part}' must be a whole number of at least 1.";
            return false;
        }

        int from, to;
        if (range == "*")
        {
            (from, to) = (min, max);
        }
        else
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            if (!TryValue(dash < 0 ? range : range[..dash], min, max, names, out from)
                || !TryValue(dash < 0 ? range : range[(dash + 1)..], min, max, names, out to))
            {
                error = $"The {name} field's '{part}' is not a value from {min} to {max}{(names is null ? "" : $" or {names[0]}-{names[^1]}")}, a range, a step or '*'.";
                return false;
            }

            // "a/n" means every n from a to the end.
            if (dash < 0 && slash >= 0)
            {
                to = max;
            }

            if (from > to)
            {
                error = $"The {name} field's range '{part}' runs backwards.";
                return false;
            }
        }

        for (var value = from; value <= to; value += step)
        {
            values[value] = true;
        }

        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return value >= min && value <= max;
        }

        var index = names is null ? -1 : Array.FindIndex(names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        value = index + (min == 1 ? 1 : 0);
        return index >= 0;
    }
}
