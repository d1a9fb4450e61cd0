namespace OrleansSync.Grains.Incentives;

/// <summary>NOMIS audit module names that decide whether an IEP change is synchronised to DPS.</summary>
public static class NomisAuditModules
{
    /// <summary>The NOMIS IEP screen: the only origin the NOMIS→DPS sync acts on.</summary>
    public const string IepScreen = "OIDOIEPS";

    /// <summary>Written by nomis-prisoner-api for every row a DPS sync writes: events carrying it are echoes.</summary>
    public const string DpsSynchronisation = "DPS_SYNCHRONISATION";
}
