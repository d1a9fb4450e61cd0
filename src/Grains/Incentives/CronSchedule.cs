using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace OrleansSync.Grains.Incentives;

/// <summary>
/// A five-field cron expression (minute, hour, day of month, month, day of week; names such as FEB
/// and SUN accepted, 0 and 7 both Sunday), evaluated by Cronos in a time zone. When both day fields
/// are restricted, a day must match both (Vixie cron would take either). Around DST changes a local
/// time the clocks skip runs at the moment they jump, and a repeated one runs once.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] FieldNames = ["minute", "hour", "day-of-month", "month", "day-of-week"];

    private readonly CronExpression _expression;

    private CronSchedule(string expression, CronExpression parsed)
    {
        Expression = expression;
        _expression = parsed;
    }

    public string Expression { get; }

    /// <exception cref="FormatException">The expression is not valid; the message names the field and why.</exception>
    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, [NotNullWhen(true)] out CronSchedule? schedule, [NotNullWhen(false)] out string? error)
    {
        schedule = null;
        var fields = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != FieldNames.Length)
        {
            error = $"The cron expression '{expression}' has {fields.Length} fields; it needs 5: minute, hour, day-of-month, month, day-of-week.";
            return false;
        }

        try
        {
            schedule = new CronSchedule(expression!, CronExpression.Parse(string.Join(' ', fields), CronFormat.Standard));
            error = null;
            return true;
        }
        catch (CronFormatException exception)
        {
            error = $"The cron expression '{expression}' has an invalid {InvalidField(fields)} field: {exception.Message}";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, reading the schedule in <paramref name="zone"/>; null if there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo zone) => _expression.GetNextOccurrence(after, zone, inclusive: false);

    public override string ToString() => Expression;

    /// <summary>Cronos says what is wrong but not always where: the first field that fails on its own, the others being '*'.</summary>
    private static string InvalidField(string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            var alone = Enumerable.Repeat("*", fields.Length).ToArray();
            alone[i] = fields[i];
            try
            {
                CronExpression.Parse(string.Join(' ', alone), CronFormat.Standard);
            }
            catch (CronFormatException)
            {
                return FieldNames[i];
            }
        }

        return "combination of";
    }
}
