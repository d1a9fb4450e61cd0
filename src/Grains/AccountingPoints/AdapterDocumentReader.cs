using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansSync.Grains.AccountingPoints;

/// <summary>
/// Turns an adapter document into an <see cref="AccountingPointSnapshot"/>, or into the list of everything
/// wrong with it, each problem naming its field ("energy_supplier[1].valid_from …"). Checks the contract's
/// patterns (not check characters: the contract's own fixtures fail them and the reference data decides
/// which codes exist) and FIS' timeline rules: bounds at Oslo midnight, ordered, non-overlapping.
/// </summary>
public static partial class AdapterDocumentReader
{
    public static (AccountingPointSnapshot? Snapshot, IReadOnlyList<string> Errors) Read(
        string gsrn,
        AdapterAccountingPoint? document,
        bool utcMidnightAsDate)
    {
        var errors = new List<string>();
        if (document is null)
        {
            return (null, ["the adapter returned an empty document"]);
        }

        if (!string.Equals(document.Gsrn, gsrn, StringComparison.Ordinal))
        {
            errors.Add($"gsrn is '{document.Gsrn}', not the requested {gsrn}");
        }

        var endUsers = ReadList(document.EndUser, "end_user", errors, utcMidnightAsDate, (entry, name) =>
        {
            var endUser = (AdapterEndUser)entry;
            if (endUser.BusinessId is null || !EndUserPattern().IsMatch(endUser.BusinessId))
            {
                // Never echo the value: it may be a birth number.
                errors.Add($"{name}.business_id must be an organisation number (9 digits) or a birth number (11 digits)");
            }

            if (endUser.EntityType is not (null or "person" or "organisation"))
            {
                errors.Add($"{name}.entity_type must be person or organisation (got '{endUser.EntityType}')");
            }

            return new EndUserValue(endUser.BusinessId ?? string.Empty, endUser.EntityType);
        });

        var suppliers = ReadList(document.EnergySupplier, "energy_supplier", errors, utcMidnightAsDate, (entry, name) =>
        {
            if (entry.BusinessId is null || !GlnPattern().IsMatch(entry.BusinessId))
            {
                errors.Add($"{name}.business_id '{entry.BusinessId}' is not a GLN (13 digits, no leading zero)");
            }

            return entry.BusinessId ?? string.Empty;
        });

        var gridAreas = ReadList(document.MeteringGridArea, "metering_grid_area", errors, utcMidnightAsDate, (entry, name) =>
        {
            if (entry.BusinessId is null || !EicYPattern().IsMatch(entry.BusinessId))
            {
                errors.Add($"{name}.business_id '{entry.BusinessId}' is not an EIC-Y code");
            }

            return entry.BusinessId ?? string.Empty;
        });

        var location = LocationUpdate.Unchanged;
        if (document.HasLocationKeys)
        {
            if (document.Latitude is < -90 or > 90)
            {
                errors.Add($"latitude {document.Latitude} is outside -90..90");
            }

            if (document.Longitude is < -180 or > 180)
            {
                errors.Add($"longitude {document.Longitude} is outside -180..180");
            }

            location = LocationUpdate.Set(document.Latitude, document.Longitude);
        }

        return errors.Count > 0
            ? (null, errors)
            : (new AccountingPointSnapshot(gsrn, location, endUsers, suppliers, gridAreas), errors);
    }

    /// <summary>
    /// A bound as stored: an Oslo midnight as it is; with <paramref name="utcMidnightAsDate"/>, a UTC
    /// midnight as the Oslo midnight of the date it names; anything else is an error.
    /// </summary>
    public static DateTimeOffset? Align(DateTimeOffset value, bool utcMidnightAsDate)
    {
        if (OsloTime.IsMidnight(value))
        {
            return value.ToUniversalTime();
        }

        if (utcMidnightAsDate && value.Offset == TimeSpan.Zero && value.TimeOfDay == TimeSpan.Zero)
        {
            return OsloTime.Midnight(DateOnly.FromDateTime(value.DateTime)).ToUniversalTime();
        }

        return null;
    }

    private static List<TimelinePeriod<T>> ReadList<TEntry, T>(
        IReadOnlyList<TEntry?>? entries,
        string listName,
        List<string> errors,
        bool utcMidnightAsDate,
        Func<TEntry, string, T> readValue)
        where TEntry : AdapterPeriod
    {
        var periods = new List<TimelinePeriod<T>>();
        if (entries is null)
        {
            errors.Add($"{listName} is required");
            return periods;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var name = $"{listName}[{i}]";
            if (entries[i] is not { } entry)
            {
                errors.Add($"{name} is null");
                continue;
            }

            var value = readValue(entry, name);
            var from = Bound(entry.ValidFrom, $"{name}.valid_from", required: true);
            var to = Bound(entry.ValidTo, $"{name}.valid_to", required: false);
            if (from is null || (entry.ValidTo is not null && to is null))
            {
                continue;
            }

            if (to is { } end && end <= from)
            {
                errors.Add($"{name}: valid_to {OsloTime.Format(end)} is not after valid_from {OsloTime.Format(from.Value)}");
                continue;
            }

            periods.Add(new TimelinePeriod<T>(value, from.Value, to));
        }

        periods.Sort((a, b) => a.From.CompareTo(b.From));
        for (var i = 1; i < periods.Count; i++)
        {
            var previous = periods[i - 1];
            if (previous.To is null || previous.To > periods[i].From)
            {
                errors.Add($"{listName}: the period from {OsloTime.Format(periods[i].From)} overlaps the one from {OsloTime.Format(previous.From)}");
            }
        }

        return periods;

        DateTimeOffset? Bound(DateTimeOffset? value, string field, bool required)
        {
            if (value is not { } instant)
            {
                if (required)
                {
                    errors.Add($"{field} is required");
                }

                return null;
            }

            var aligned = Align(instant, utcMidnightAsDate);
            if (aligned is null)
            {
                errors.Add($"{field} {instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} is not midnight in Europe/Oslo");
            }

            return aligned;
        }
    }

    [GeneratedRegex("^[1-9][0-9]{8}$|^[0-9]{11}$")]
    private static partial Regex EndUserPattern();

    [GeneratedRegex("^[1-9][0-9]{12}$")]
    private static partial Regex GlnPattern();

    [GeneratedRegex(@"^[0-9]{2}Y[0-9A-Z\-]{13}$")]
    private static partial Regex EicYPattern();
}
