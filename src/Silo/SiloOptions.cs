namespace OrleansSync.Silo;

/// <summary>Host settings (configuration section "Silo").</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Silo";

    /// <summary>Where the embedded PostgreSQL keeps its data when no connection string is configured; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = ".data";

    /// <summary>Hosts the external-system simulators in this process; unset, only with the embedded PostgreSQL or in Development (see SimulatorHosting).</summary>
    public bool? Simulators { get; set; }

    /// <summary>This host's HTTP address: where the co-hosted simulators are reached and send their events.</summary>
    public string Address { get; set; } = "http://127.0.0.1:5080";
}
