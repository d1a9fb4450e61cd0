namespace OrleansSync.Silo;

/// <summary>This process's place in the Orleans cluster (configuration section "Orleans").</summary>
public sealed class OrleansHostOptions
{
    public const string SectionName = "Orleans";

    /// <summary>The cluster and service id of every silo and gateway; storage and reminder rows are keyed by the service id.</summary>
    public const string ClusterId = "orleanssync";

    public OrleansRole Role { get; set; } = OrleansRole.Silo;

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients (gateway processes) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Listen on every interface (containers) instead of the advertised address only.</summary>
    public bool ListenOnAnyAddress { get; set; }

    public static OrleansHostOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<OrleansHostOptions>() ?? new OrleansHostOptions();
}
