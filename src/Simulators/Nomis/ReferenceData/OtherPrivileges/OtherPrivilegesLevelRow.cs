namespace OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

/// <summary>A row of OTHER_PRIVILEGES_LEVELS: one privilege (an IEP_OTH_PRIV code) of one IEP_LEVELS row.</summary>
public sealed record OtherPrivilegesLevelRow(string AgyLocId, string IepLevel, string PrivilegeCode);
