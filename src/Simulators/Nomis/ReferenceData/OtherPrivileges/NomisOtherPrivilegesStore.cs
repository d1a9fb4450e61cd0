using System.Globalization;
using OrleansSync.Simulators.Common;

namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>
/// NOMIS' other privileges, in memory: REFERENCE_CODES of domain IEP_OTH_PRIV and OTHER_PRIVILEGES_LEVELS. The
/// endpoints are inferred (the contract has none: the merged ADR kept other privileges in NOMIS) and behave as the
/// IEP_LEVEL ones do: create returns an existing code as it is, an inactive code gets today's expiry date. A level's
/// privileges need its IEP_LEVELS row and known codes, as NOMIS' foreign keys would. Starts empty.
/// </summary>
public sealed class NomisOtherPrivilegesStore(NomisReferenceDataStore levels, TimeProvider time)
{
    public const string Domain = "IEP_OTH_PRIV";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReferenceCode> _codes = new(StringComparer.Ordinal);
    private readonly SortedSet<(string Prison, string Level, string Privilege)> _levels = [];

    public void Reset()
    {
        lock (_gate)
        {
            _codes.Clear();
            _levels.Clear();
        }
    }

    public OtherPrivilegesTables Tables()
    {
        lock (_gate)
        {
            return new OtherPrivilegesTables(
                [.. _codes.Values.OrderBy(c => c.Sequence).ThenBy(c => c.Code, StringComparer.Ordinal)],
                [.. _levels.Select(r => new OtherPrivilegesLevelRow(r.Prison, r.Level, r.Privilege))]);
        }
    }

    public ReferenceCode GetCode(string code)
    {
        lock (_gate)
        {
            return _codes.TryGetValue(code, out var found) ? found : throw SimulatorException.NotFound($"Other privilege: {code} not found");
        }
    }

    /// <summary>Creates the code (at the end of the order without a sequence); an existing code is returned as it is (idempotent).</summary>
    public (ReferenceCode Code, bool Created) CreateCode(CreateOtherPrivilegeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 12)
        {
            throw SimulatorException.BadRequest("code must be 1 to 12 characters.");
        }

        RequireDescription(request.Description);
        lock (_gate)
        {
            if (_codes.TryGetValue(request.Code, out var existing))
            {
                return (existing, false);
            }

            var sequence = request.Sequence ?? (_codes.Count == 0 ? 1 : _codes.Values.Max(c => c.Sequence) + 1);
            var added = new ReferenceCode(Domain, request.Code, request.Description, request.Active, sequence, sequence.ToString(CultureInfo.InvariantCulture), false,
                request.Active ? null : Today());
            _codes[request.Code] = added;
            return (added, true);
        }
    }

    public ReferenceCode UpdateCode(string code, UpdateOtherPrivilegeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireDescription(request.Description);
        lock (_gate)
        {
            var existing = _codes.TryGetValue(code, out var found) ? found : throw SimulatorException.NotFound($"Other privilege: {code} not found");
            var sequence = request.Sequence ?? existing.Sequence;
            var updated = existing with
            {
                Description = request.Description,
                Active = request.Active,
                Sequence = sequence,
                ParentCode = sequence.ToString(CultureInfo.InvariantCulture),
                ExpiredDate = request.Active ? null : existing.ExpiredDate ?? Today(),
            };
            _codes[code] = updated;
            return updated;
        }
    }

    public PrisonLevelOtherPrivilegesData GetPrisonLevel(string prison, string level)
    {
        RequirePrisonLevel(prison, level);
        lock (_gate)
        {
            return Data(prison, level);
        }
    }

    /// <summary>Replaces the privileges of the IEP_LEVELS row; every code must be an IEP_OTH_PRIV reference code.</summary>
    public PrisonLevelOtherPrivilegesData SetPrisonLevel(string prison, string level, SetOtherPrivilegesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PrivilegeCodes is null)
        {
            throw SimulatorException.BadRequest("privilegeCodes is required.");
        }

        RequirePrisonLevel(prison, level);
        lock (_gate)
        {
            if (request.PrivilegeCodes.FirstOrDefault(c => !_codes.ContainsKey(c)) is { } unknown)
            {
                throw SimulatorException.BadRequest($"Other privilege {unknown} does not exist");
            }

            _levels.RemoveWhere(r => r.Prison == prison && r.Level == level);
            foreach (var code in request.PrivilegeCodes)
            {
                _levels.Add((prison, level, code));
            }

            return Data(prison, level);
        }
    }

    private PrisonLevelOtherPrivilegesData Data(string prison, string level) =>
        new(prison, level, [.. _levels.Where(r => r.Prison == prison && r.Level == level).Select(r => r.Privilege)]);

    private void RequirePrisonLevel(string prison, string level)
    {
        if (!levels.Tables().IepLevels.Any(r => r.AgyLocId == prison && r.IepLevel == level))
        {
            throw SimulatorException.NotFound($"Prison incentive level {level} not found for prison {prison}");
        }
    }

    private string Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static void RequireDescription(string? description)
    {
        if (string.IsNullOrWhiteSpace(description) || description.Length > 40)
        {
            throw SimulatorException.BadRequest("description must be 1 to 40 characters.");
        }
    }
}
