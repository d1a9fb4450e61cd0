using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// Deterministic synthetic accounting points: the same seed and count always give the same points, so tests
/// and benchmarks can refer to them across runs. Timelines look like the datahub's: every bound is midnight
/// Europe/Oslo (FIS rejects anything else), lists are ordered and non-overlapping, the last period is usually
/// open-ended, suppliers switch a few times, end users move in and out (sometimes leaving a vacancy), and a
/// few grid areas are reorganised. Dates are fixed ranges, not "now", so output does not drift with the clock.
/// </summary>
internal sealed class AccountingPointGenerator
{
    private static readonly DateOnly EarliestStart = new(2015, 1, 1);
    private static readonly DateOnly LatestChange = new(2026, 12, 31);
    private readonly Random _random;

    public AccountingPointGenerator(int seed)
    {
        _random = new Random(seed);
        EnergySuppliers = Distinct(20, () => Gln.Generate(_random));
        MeteringGridAreas = Distinct(30, () => EicCode.GenerateY(_random));
    }

    public IReadOnlyList<string> EnergySuppliers { get; }

    public IReadOnlyList<string> MeteringGridAreas { get; }

    public static DateTimeOffset OsloMidnight(DateOnly date)
    {
        // Norway changes clocks at 02:00/03:00, so local midnight always exists and is unambiguous.
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, SimulatorTimeZones.Oslo.GetUtcOffset(local));
    }

    public IReadOnlyList<AccountingPointDocument> Generate(int count)
    {
        var gsrns = new HashSet<string>(StringComparer.Ordinal);
        var points = new List<AccountingPointDocument>(count);
        while (points.Count < count)
        {
            var gsrn = Gsrn.Generate(_random);
            if (gsrns.Add(gsrn))
            {
                points.Add(GeneratePoint(gsrn));
            }
        }

        return points;
    }

    private AccountingPointDocument GeneratePoint(string gsrn)
    {
        var start = EarliestStart.AddDays(_random.Next(365 * 10));
        var point = new AccountingPointDocument
        {
            Gsrn = gsrn,
            EndUser = EndUsers(start),
            EnergySupplier = Changes(start, _random.Next(4))
                .Select(r => new EnergySupplierPeriod { BusinessId = Pick(EnergySuppliers), ValidFrom = r.From, ValidTo = r.To })
                .ToList(),
            MeteringGridArea = Changes(start, _random.NextDouble() < 0.05 ? 1 : 0)
                .Select(r => new MeteringGridAreaPeriod { BusinessId = Pick(MeteringGridAreas), ValidFrom = r.From, ValidTo = r.To })
                .ToList(),
            EnergyDirection =
            [
                new EnergyDirectionPeriod
                {
                    Direction = _random.NextDouble() < 0.1
                        ? [EnergyDirectionPeriod.Production, EnergyDirectionPeriod.Consumption]
                        : [EnergyDirectionPeriod.Consumption],
                    ValidFrom = OsloMidnight(start),
                },
            ],
        };

        // Location: mostly known, sometimes explicitly null, sometimes absent, as the three fixtures show.
        var roll = _random.NextDouble();
        return roll switch
        {
            < 0.8 => point with
            {
                Latitude = Math.Round(58.0 + (_random.NextDouble() * 13.0), 4),
                Longitude = Math.Round(5.0 + (_random.NextDouble() * 26.0), 4),
            },
            < 0.9 => point with { Latitude = null, Longitude = null },
            _ => point,
        };
    }

    private List<EndUserPeriod> EndUsers(DateOnly start)
    {
        var periods = new List<EndUserPeriod>();
        foreach (var (from, to) in Changes(start, _random.Next(3)))
        {
            var person = _random.NextDouble() < 0.7;
            var validTo = to;
            // A vacancy between two end users: the previous one moves out some days before the next moves in.
            if (to is { } end && _random.NextDouble() < 0.15)
            {
                var gapDays = 1 + _random.Next(60);
                var moveOut = OsloMidnight(DateOnly.FromDateTime(end.DateTime).AddDays(-gapDays));
                validTo = moveOut > from ? moveOut : to;
            }

            periods.Add(new EndUserPeriod
            {
                BusinessId = person ? NorwegianIds.SyntheticBirthNumber(_random) : NorwegianIds.OrganisationNumber(_random),
                EntityType = person ? EndUserPeriod.Person : EndUserPeriod.Organisation,
                ValidFrom = from,
                ValidTo = validTo,
            });
        }

        // Occasionally the last end user has moved out and nobody has moved in yet.
        if (_random.NextDouble() < 0.03)
        {
            var last = periods[^1];
            var moveOut = OsloMidnight(DateOnly.FromDateTime(last.ValidFrom.DateTime).AddDays(30 + _random.Next(300)));
            periods[^1] = last with { ValidTo = moveOut };
        }

        return periods;
    }

    /// <summary>Contiguous Oslo-midnight ranges from <paramref name="start"/> with <paramref name="changes"/> switches; the last is open.</summary>
    private List<(DateTimeOffset From, DateTimeOffset? To)> Changes(DateOnly start, int changes)
    {
        var span = LatestChange.DayNumber - start.DayNumber;
        var days = new SortedSet<int>();
        while (days.Count < Math.Min(changes, span - 1))
        {
            days.Add(1 + _random.Next(span - 1));
        }

        var bounds = new List<DateOnly> { start };
        bounds.AddRange(days.Select(d => start.AddDays(d)));
        var ranges = new List<(DateTimeOffset, DateTimeOffset?)>();
        for (var i = 0; i < bounds.Count; i++)
        {
            ranges.Add((OsloMidnight(bounds[i]), i + 1 < bounds.Count ? OsloMidnight(bounds[i + 1]) : null));
        }

        return ranges;
    }

    private string Pick(IReadOnlyList<string> pool) => pool[_random.Next(pool.Count)];

    private static List<string> Distinct(int count, Func<string> next)
    {
        var values = new List<string>();
        while (values.Count < count)
        {
            var value = next();
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values;
    }
}
