namespace OrleansSync.Simulators.Nomis;

/// <summary>NOMIS audit module names that matter for incentive sync.</summary>
public static class NomisAuditModules
{
    /// <summary>The NOMIS IEP screen: the only origin the NOMIS→DPS sync acts on.</summary>
    public const string IepScreen = "OIDOIEPS";

    /// <summary>Written by nomis-prisoner-api for every write made by a DPS sync: events with it are echoes.</summary>
    public const string DpsSynchronisation = "DPS_SYNCHRONISATION";
}
