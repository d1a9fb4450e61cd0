using OrleansSync.Grains.Incentives.Data;
using OrleansSync.Grains.ReferenceData.Data;
using OrleansSync.Grains.ReferenceData.Nomis;
using OrleansSync.Grains.ReferenceData.OtherPrivileges;

namespace OrleansSync.Grains.ReferenceData.Reconciliation;

/// <summary>
/// The other-privilege part of the reference-data reconciliation: every privilege code the hub holds against NOMIS'
/// IEP_OTH_PRIV reference code (description, active, sequence: what the push writes), and every prison level's set of
/// other privileges against NOMIS' OTHER_PRIVILEGES_LEVELS rows. A stale entity's repair is its own change event again
/// (<c>other-privilege-events</c> or <c>prison-level-other-privilege-events</c>), so its grain pushes it the usual way.
/// </summary>
internal static class OtherPrivilegeReconciliation
{
    /// <summary>What the hub holds: the privileges, and the set of each prison level that has a row or an assignment.</summary>
    internal sealed record Hub(IReadOnlyList<OtherPrivilege> Privileges, IReadOnlyList<(string PrisonId, string LevelCode, IReadOnlyList<string> Codes)> Sets);

    public static async Task<Hub> ReadHubAsync(Db db, IEnumerable<PrisonLevelRow> prisonLevels)
    {
        var sets = new List<(string, string, IReadOnlyList<string>)>();
        foreach (var row in prisonLevels)
        {
            sets.Add((row.PrisonId, row.LevelCode, (await OtherPrivilegeRows.OfPrisonLevelAsync(db, row.PrisonId, row.LevelCode)).Select(p => p.Code).ToList()));
        }

        return new Hub(await OtherPrivilegeRows.AllAsync(db), sets);
    }

    /// <summary>Adds each mismatch and its repair event; a NOMIS failure propagates (the report says where the run stopped).</summary>
    public static async Task CompareAsync(NomisReferenceDataClient nomis, Hub hub, TimeProvider time,
        List<ReferenceDataMismatch> mismatches, List<(string Namespace, string Key, string Payload)> stale)
    {
        foreach (var privilege in hub.Privileges)
        {
            var held = await nomis.GetOtherPrivilegeAsync(privilege.Code);
            if (held is null || held.Description != privilege.Description || held.Active != privilege.Active || held.Sequence != privilege.Sequence)
            {
                mismatches.Add(new ReferenceDataMismatch($"other-privilege/{privilege.Code}", $"{privilege.Description}, active {privilege.Active}, sequence {privilege.Sequence}",
                    held is null ? null : $"{held.Description}, active {held.Active}, sequence {held.Sequence}"));
                stale.Add((OtherPrivilegeStreams.PrivilegeEvents, privilege.Code, OtherPrivilegeEvents.Privilege(privilege.Code, time)));
            }
        }

        foreach (var (prisonId, levelCode, codes) in hub.Sets)
        {
            var held = await nomis.GetPrisonLevelOtherPrivilegesAsync(prisonId, levelCode);

            // NOMIS without the IEP_LEVELS row holds no privileges there: in step when the hub assigns none either.
            var nomisCodes = held?.PrivilegeCodes ?? [];
            if (!nomisCodes.Order(StringComparer.Ordinal).SequenceEqual(codes.Order(StringComparer.Ordinal)))
            {
                mismatches.Add(new ReferenceDataMismatch($"other-privileges/{PrisonLevelKey.Of(prisonId, levelCode)}", Describe(codes), held is null ? null : Describe(nomisCodes)));
                stale.Add((OtherPrivilegeStreams.PrisonLevelEvents, PrisonLevelKey.Of(prisonId, levelCode), OtherPrivilegeEvents.PrisonLevel(prisonId, levelCode, time)));
            }
        }
    }

    private static string Describe(IEnumerable<string> codes) => $"[{string.Join(',', codes.Order(StringComparer.Ordinal))}]";
}
