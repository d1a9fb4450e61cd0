namespace OrleansSync.Grains.ReferenceData.Migration;

/// <summary>
/// What a run reads from NOMIS: every level code in every prison (and each code's IEP_LEVEL reference code), and each
/// other-privilege code (IEP_OTH_PRIV) with every prison level's set of other privileges.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReferenceDataMigrationRequest(IReadOnlyList<string> PrisonIds, IReadOnlyList<string> LevelCodes, IReadOnlyList<string> PrivilegeCodes);
