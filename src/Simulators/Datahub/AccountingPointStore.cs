using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// The datahub's accounting points, in memory. Documents are immutable and replaced whole, so readers never
/// see a half-applied change; writers are serialised by one lock so read-modify-write changes do not race.
/// </summary>
public sealed partial class AccountingPointStore
{
    private readonly ConcurrentDictionary<string, AccountingPointDocument> _points = new(StringComparer.Ordinal);
    private readonly Lock _writeGate = new();

    public AccountingPointStore(int pointCount, int seed, bool registerFixturePoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pointCount);
        var generator = new AccountingPointGenerator(seed);
        EnergySuppliers = generator.EnergySuppliers;
        MeteringGridAreas = generator.MeteringGridAreas;
        var generated = generator.Generate(pointCount);
        foreach (var point in generated)
        {
            _points[point.Gsrn] = point;
        }

        GeneratedGsrns = generated.Select(p => p.Gsrn).ToList();
        if (registerFixturePoints)
        {
            RegisterFixture(DatahubFixtures.Plain);
        }
    }

    /// <summary>The GLNs generated points use (FIS requires suppliers to exist before a sync).</summary>
    public IReadOnlyList<string> EnergySuppliers { get; }

    /// <summary>The EIC-Y codes generated points use (FIS requires grid areas to exist before a sync).</summary>
    public IReadOnlyList<string> MeteringGridAreas { get; }

    /// <summary>GSRNs of the generated points, in generation order.</summary>
    public IReadOnlyList<string> GeneratedGsrns { get; }

    public int Count => _points.Count;

    public AccountingPointDocument? Find(string gsrn) => _points.TryGetValue(gsrn, out var point) ? point : null;

    public IReadOnlyList<string> ListGsrns() => _points.Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Creates or replaces a point; returns true when it was created.</summary>
    public bool Upsert(AccountingPointDocument point)
    {
        ArgumentNullException.ThrowIfNull(point);
        ValidateDocument(point);
        lock (_writeGate)
        {
            var created = !_points.ContainsKey(point.Gsrn);
            _points[point.Gsrn] = point;
            return created;
        }
    }

    public bool Remove(string gsrn)
    {
        lock (_writeGate)
        {
            return _points.TryRemove(gsrn, out _);
        }
    }

    public AccountingPointDocument RegisterFixture(string name)
    {
        if (!DatahubFixtures.All.TryGetValue(name, out var fixture))
        {
            throw SimulatorException.NotFound(
                $"Unknown fixture '{name}'. Known: {string.Join(", ", DatahubFixtures.All.Keys)}.");
        }

        Upsert(fixture);
        return fixture;
    }

    /// <summary>Splices a change into one of the point's lists (see <see cref="Timeline.Splice{T}"/>).</summary>
    public AccountingPointDocument ApplyChange(string gsrn, TimelineChangeRequest change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ValidTo is { } to && to <= change.ValidFrom)
        {
            throw SimulatorException.BadRequest("valid_to must be after valid_from.");
        }

        lock (_writeGate)
        {
            var point = Find(gsrn) ?? throw SimulatorException.NotFound($"Accounting point {gsrn} not found.");
            var updated = change.Kind switch
            {
                TimelineChangeRequest.EndUser => point with
                {
                    EndUser = Timeline.Splice(point.EndUser, change.ValidFrom, change.ValidTo, change.BusinessId is null ? null : new EndUserPeriod
                    {
                        BusinessId = change.BusinessId,
                        EntityType = change.EntityType,
                        ValidFrom = change.ValidFrom,
                    }),
                },
                TimelineChangeRequest.EnergySupplier => point with
                {
                    EnergySupplier = Timeline.Splice(point.EnergySupplier, change.ValidFrom, change.ValidTo, change.BusinessId is null ? null : new EnergySupplierPeriod
                    {
                        BusinessId = change.BusinessId,
                        ValidFrom = change.ValidFrom,
                    }),
                },
                TimelineChangeRequest.MeteringGridArea => point with
                {
                    MeteringGridArea = Timeline.Splice(point.MeteringGridArea, change.ValidFrom, change.ValidTo, change.BusinessId is null ? null : new MeteringGridAreaPeriod
                    {
                        BusinessId = change.BusinessId,
                        ValidFrom = change.ValidFrom,
                    }),
                },
                TimelineChangeRequest.EnergyDirection => point with
                {
                    EnergyDirection = Timeline.Splice(point.EnergyDirection ?? [], change.ValidFrom, change.ValidTo, change.Direction is null ? null : new EnergyDirectionPeriod
                    {
                        Direction = change.Direction,
                        ValidFrom = change.ValidFrom,
                    }),
                },
                _ => throw SimulatorException.BadRequest(
                    "kind must be one of end_user, energy_supplier, metering_grid_area, energy_direction."),
            };

            ValidateDocument(updated);
            _points[gsrn] = updated;
            return updated;
        }
    }

    /// <summary>
    /// Contract-level checks only: patterns from the OpenAPI schema and well-formed timelines. Check digits
    /// and midnight alignment are deliberately not enforced here, so tests can serve the contract's own
    /// examples (which fail both) and see the hub reject them.
    /// </summary>
    internal static void ValidateDocument(AccountingPointDocument point)
    {
        var errors = new List<string>();
        if (!GsrnPattern().IsMatch(point.Gsrn))
        {
            errors.Add("gsrn must match ^[0-9]{18}$.");
        }

        for (var i = 0; i < point.EndUser.Count; i++)
        {
            var endUser = point.EndUser[i];
            if (!EndUserPattern().IsMatch(endUser.BusinessId))
            {
                errors.Add($"end_user[{i}].business_id must match ^[1-9][0-9]{{8}}$|^[0-9]{{11}}$.");
            }

            if (endUser.EntityType is not (null or EndUserPeriod.Person or EndUserPeriod.Organisation))
            {
                errors.Add($"end_user[{i}].entity_type must be person or organisation.");
            }
        }

        for (var i = 0; i < point.EnergySupplier.Count; i++)
        {
            if (!GlnPattern().IsMatch(point.EnergySupplier[i].BusinessId))
            {
                errors.Add($"energy_supplier[{i}].business_id must match ^[1-9][0-9]{{12}}$.");
            }
        }

        for (var i = 0; i < point.MeteringGridArea.Count; i++)
        {
            if (!EicPattern().IsMatch(point.MeteringGridArea[i].BusinessId))
            {
                errors.Add($"metering_grid_area[{i}].business_id must match ^[0-9]{{2}}Y[0-9A-Z\\-]{{13}}$.");
            }
        }

        var directions = point.EnergyDirection ?? [];
        for (var i = 0; i < directions.Count; i++)
        {
            var values = directions[i].Direction;
            if (values.Count is < 1 or > 2
                || values.Distinct(StringComparer.Ordinal).Count() != values.Count
                || values.Any(v => v is not (EnergyDirectionPeriod.Production or EnergyDirectionPeriod.Consumption)))
            {
                errors.Add($"energy_direction[{i}].direction must hold 1-2 distinct values of production, consumption.");
            }
        }

        if (point.Latitude is < -90 or > 90)
        {
            errors.Add("latitude must be between -90 and 90.");
        }

        if (point.Longitude is < -180 or > 180)
        {
            errors.Add("longitude must be between -180 and 180.");
        }

        errors.AddRange(new[]
        {
            Timeline.Validate(point.EndUser, "end_user"),
            Timeline.Validate(point.EnergySupplier, "energy_supplier"),
            Timeline.Validate(point.MeteringGridArea, "metering_grid_area"),
            Timeline.Validate(directions, "energy_direction"),
        }.OfType<string>());

        if (errors.Count > 0)
        {
            throw SimulatorException.BadRequest(string.Join(" ", errors));
        }
    }

    [GeneratedRegex("^[0-9]{18}$")]
    private static partial Regex GsrnPattern();

    [GeneratedRegex("^[1-9][0-9]{8}$|^[0-9]{11}$")]
    private static partial Regex EndUserPattern();

    [GeneratedRegex("^[1-9][0-9]{12}$")]
    private static partial Regex GlnPattern();

    [GeneratedRegex(@"^[0-9]{2}Y[0-9A-Z\-]{13}$")]
    private static partial Regex EicPattern();
}
