namespace OrleansSync.Grains.ReferenceData.OtherPrivileges;

/// <summary>
/// An other privilege: a NOMIS REFERENCE_CODES row of domain IEP_OTH_PRIV (code, description, active, sequence),
/// in the style of incentives-api's IncentiveLevel. Shown in <see cref="Sequence"/> order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OtherPrivilege(string Code, string Description, bool Active, int Sequence);
