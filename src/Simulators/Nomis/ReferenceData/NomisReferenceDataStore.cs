using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis.ReferenceData;

/// <summary>
/// NOMIS' incentive reference data, in memory: REFERENCE_CODES (domain IEP_LEVEL), IEP_LEVELS and
/// VISIT_ALLOWANCE_LEVELS, with nomis-prisoner-api's behaviour (create returns the existing code; an inactive
/// code or level gets today's expiry date; prison levels are upserts; money is kept in pounds). Starts with the
/// national levels and, in every configured prison, Basic, Standard (the default) and Enhanced.
/// </summary>
public sealed class NomisReferenceDataStore
{
    public const string IepLevelDomain = "IEP_LEVEL";
    public const string SentVisit = "SENT_VISIT";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReferenceCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Prison, string Code), IepLevelRow> _iepLevels = [];
    private readonly Dictionary<(string Prison, string Code), VisitAllowanceLevelRow> _visitAllowances = [];
    private readonly NomisSimulatorOptions _options;
    private readonly TimeProvider _time;

    public NomisReferenceDataStore(NomisSimulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        Reset();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _codes.Clear();
            _iepLevels.Clear();
            _visitAllowances.Clear();
            // The configured levels, in their order; Entry is no longer used (inactive), as in incentives-api's data.
            foreach (var (code, description) in _options.IncentiveLevels)
            {
                AddCode(code, description, active: code != "ENT");
            }

            foreach (var prison in _options.Prisons)
            {
                UpsertPrisonLevel(prison, new PrisonIncentiveLevelRequest("BAS", true, false, 2, 1, 2750, 27500, 550, 5500));
                UpsertPrisonLevel(prison, new PrisonIncentiveLevelRequest("STD", true, true, 2, 1, 6050, 60500, 1980, 19800));
                UpsertPrisonLevel(prison, new PrisonIncentiveLevelRequest("ENH", true, false, 2, 1, 6600, 66000, 3300, 33000));
            }
        }
    }

    public ReferenceDataTables Tables()
    {
        lock (_gate)
        {
            return new ReferenceDataTables(
                [.. _codes.Values.OrderBy(c => c.Sequence)],
                [.. _iepLevels.Values.OrderBy(r => r.AgyLocId, StringComparer.Ordinal).ThenBy(r => r.IepLevel, StringComparer.Ordinal)],
                [.. _visitAllowances.Values.OrderBy(r => r.AgyLocId, StringComparer.Ordinal).ThenBy(r => r.IepLevelCode, StringComparer.Ordinal)]);
        }
    }

    /// <summary>The description of an IEP_LEVEL code, or null when there is no such code.</summary>
    public string? DescriptionOf(string code)
    {
        lock (_gate)
        {
            return _codes.TryGetValue(code, out var found) ? found.Description : null;
        }
    }

    public ReferenceCode GetCode(string code)
    {
        lock (_gate)
        {
            return _codes.TryGetValue(code, out var found) ? found : throw SimulatorException.NotFound($"Incentive level: {code} not found");
        }
    }

    /// <summary>Creates the code at the end of the order; an existing code is returned as it is (idempotent).</summary>
    public (ReferenceCode Code, bool Created) CreateCode(CreateReferenceCodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireCode(request.Code);
        RequireDescription(request.Description);
        lock (_gate)
        {
            return _codes.TryGetValue(request.Code, out var existing) ? (existing, false) : (AddCode(request.Code, request.Description, request.Active), true);
        }
    }

    public ReferenceCode UpdateCode(string code, UpdateReferenceCodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireDescription(request.Description);
        lock (_gate)
        {
            var existing = _codes.TryGetValue(code, out var found) ? found : throw SimulatorException.NotFound($"Incentive level: {code} not found");
            var updated = existing with { Description = request.Description, Active = request.Active, ExpiredDate = request.Active ? null : existing.ExpiredDate ?? Today() };
            _codes[code] = updated;
            return updated;
        }
    }

    /// <summary>Sequence = index + 1 and parent code = sequence for every listed code; an unknown code refuses the whole reorder.</summary>
    public void Reorder(ReorderReferenceCodesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            if (request.CodeList.FirstOrDefault(c => !_codes.ContainsKey(c)) is { } unknown)
            {
                throw SimulatorException.BadRequest($"Incentive level: {unknown} not found");
            }

            for (var i = 0; i < request.CodeList.Count; i++)
            {
                var sequence = i + 1;
                _codes[request.CodeList[i]] = _codes[request.CodeList[i]] with { Sequence = sequence, ParentCode = sequence.ToString(CultureInfo.InvariantCulture) };
            }
        }
    }

    public void DeleteCode(string code)
    {
        lock (_gate)
        {
            if (_iepLevels.Keys.Any(k => k.Code == code))
            {
                throw SimulatorException.Conflict($"Incentive level {code} is used by prison levels.");
            }

            _codes.Remove(code);
        }
    }

    public PrisonIncentiveLevelData GetPrisonLevel(string prison, string code)
    {
        lock (_gate)
        {
            return Data(prison, code) ?? throw SimulatorException.NotFound($"Prison incentive level {code} not found for prison {prison}");
        }
    }

    /// <summary>Creates or updates the IEP_LEVELS row and its SENT_VISIT allowance; the level must be an IEP_LEVEL reference code.</summary>
    public PrisonIncentiveLevelData UpsertPrisonLevel(string prison, PrisonIncentiveLevelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var code = request.LevelCode ?? throw SimulatorException.BadRequest("levelCode is required.");
        if (string.IsNullOrWhiteSpace(prison))
        {
            throw SimulatorException.BadRequest("prison is required.");
        }

        foreach (var (name, value) in new (string, int?)[]
        {
            ("visitOrderAllowance", request.VisitOrderAllowance), ("privilegedVisitOrderAllowance", request.PrivilegedVisitOrderAllowance),
            ("remandTransferLimitInPence", request.RemandTransferLimitInPence), ("remandSpendLimitInPence", request.RemandSpendLimitInPence),
            ("convictedTransferLimitInPence", request.ConvictedTransferLimitInPence), ("convictedSpendLimitInPence", request.ConvictedSpendLimitInPence),
        })
        {
            if (value < 0)
            {
                throw SimulatorException.BadRequest($"{name} must not be negative.");
            }
        }

        lock (_gate)
        {
            if (!_codes.ContainsKey(code))
            {
                throw SimulatorException.BadRequest($"IEP type {code} does not exist");
            }

            var expiry = request.Active ? null : Today();
            _iepLevels[(prison, code)] = new IepLevelRow(prison, code, request.Active, request.DefaultOnAdmission,
                Pounds(request.RemandTransferLimitInPence), Pounds(request.RemandSpendLimitInPence),
                Pounds(request.ConvictedTransferLimitInPence), Pounds(request.ConvictedSpendLimitInPence), expiry);
            _visitAllowances[(prison, code)] = new VisitAllowanceLevelRow(prison, code, SentVisit, request.VisitOrderAllowance, request.PrivilegedVisitOrderAllowance, request.Active, expiry);
            return Data(prison, code)!;
        }
    }

    public void DeletePrisonLevel(string prison, string code)
    {
        lock (_gate)
        {
            _iepLevels.Remove((prison, code));
            _visitAllowances.Remove((prison, code));
        }
    }

    private ReferenceCode AddCode(string code, string description, bool active)
    {
        var sequence = _codes.Count == 0 ? 1 : _codes.Values.Max(c => c.Sequence) + 1;
        var added = new ReferenceCode(IepLevelDomain, code, description, active, sequence, sequence.ToString(CultureInfo.InvariantCulture), false, active ? null : Today());
        _codes[code] = added;
        return added;
    }

    private PrisonIncentiveLevelData? Data(string prison, string code)
    {
        if (!_iepLevels.TryGetValue((prison, code), out var level))
        {
            return null;
        }

        var visits = _visitAllowances.GetValueOrDefault((prison, code));
        return new PrisonIncentiveLevelData(prison, code, visits?.RemandVisits, visits?.Weekends, level.DefaultFlag,
            Pence(level.RemandTransferLimit), Pence(level.RemandSpendLimit), Pence(level.ConvictedTransferLimit), Pence(level.ConvictedSpendLimit),
            level.ActiveFlag, level.ExpiryDate, visits?.ActiveFlag, visits?.ExpiryDate);
    }

    private string Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static decimal? Pounds(int? pence) => pence / 100m;

    private static int? Pence(decimal? pounds) => pounds is { } value ? (int)(value * 100m) : null;

    private static void RequireCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 12)
        {
            throw SimulatorException.BadRequest("code must be 1 to 12 characters.");
        }
    }

    private static void RequireDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > 40)
        {
            throw SimulatorException.BadRequest("description must be 1 to 40 characters.");
        }
    }
}
