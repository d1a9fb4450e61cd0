namespace OrleansSync.Silo;

/// <summary>Host settings (configuration section "Silo").</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>Where the embedded PostgreSQL keeps its data when no connection string is configured; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Hosts the external-system simulators in this process (the default run; off in production).</summary>
    public bool Simulators { get; set; } = true;
}
