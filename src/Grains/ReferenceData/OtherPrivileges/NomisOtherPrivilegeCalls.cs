using OrleansSync.Grains.ReferenceData.Nomis;

namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// NOMIS' other-privilege endpoints, on the reference-data client (same NOMIS, token, resilience and errors).
/// These endpoints are inferred: the contract shows none for IEP_OTH_PRIV or OTHER_PRIVILEGES_LEVELS (the merged
/// ADR kept other privileges in NOMIS); they follow the IEP_LEVEL reference-code and prison-level endpoints.
/// </summary>
internal static class NomisOtherPrivilegeCalls
{
    private const string Codes = "incentives/other-privileges/reference-codes";

    public static Task<NomisReferenceCode?> GetOtherPrivilegeAsync(this NomisReferenceDataClient nomis, string code) =>
        nomis.ReadAsync<NomisReferenceCode>($"{Codes}/{Uri.EscapeDataString(code)}", CancellationToken.None);

    public static Task CreateOtherPrivilegeAsync(this NomisReferenceDataClient nomis, NomisCreateOtherPrivilegeRequest request) =>
        nomis.WriteAsync(HttpMethod.Post, Codes, request, CancellationToken.None);

    public static Task UpdateOtherPrivilegeAsync(this NomisReferenceDataClient nomis, string code, NomisUpdateOtherPrivilegeRequest request) =>
        nomis.WriteAsync(HttpMethod.Put, $"{Codes}/{Uri.EscapeDataString(code)}", request, CancellationToken.None);

    /// <summary>The privileges of a prison level; null when NOMIS has no IEP_LEVELS row for it.</summary>
    public static Task<NomisPrisonLevelOtherPrivileges?> GetPrisonLevelOtherPrivilegesAsync(this NomisReferenceDataClient nomis, string prisonId, string levelCode) =>
        nomis.ReadAsync<NomisPrisonLevelOtherPrivileges>(PrisonLevelPath(prisonId, levelCode), CancellationToken.None);

    public static Task SetPrisonLevelOtherPrivilegesAsync(this NomisReferenceDataClient nomis, string prisonId, string levelCode, IReadOnlyList<string> codes) =>
        nomis.WriteAsync(HttpMethod.Put, PrisonLevelPath(prisonId, levelCode), new NomisPrisonLevelOtherPrivileges(null, null, codes), CancellationToken.None);

    private static string PrisonLevelPath(string prisonId, string levelCode) =>
        $"incentives/prison/{Uri.EscapeDataString(prisonId)}/code/{Uri.EscapeDataString(levelCode)}/other-privileges";
}
