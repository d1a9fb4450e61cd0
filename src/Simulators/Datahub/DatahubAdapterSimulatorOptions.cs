using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Datahub;

/// <summary>Options of the accounting point adapter simulator (bind from configuration or set in code).</summary>
public sealed class DatahubAdapterSimulatorOptions
{
    public const string DefaultApiKey = "sim-datahub-adapter-key";

    /// <summary>
    /// The shared bearer key (FIS: <c>ACCOUNTING_POINT_ADAPTER_API_KEY</c>). Requests without
    /// <c>Authorization: Bearer {ApiKey}</c> get 401. Empty turns authentication off. Read per request.
    /// </summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Number of generated points.</summary>
    public int PointCount { get; set; } = 5000;

    /// <summary>Seed of the generated data: same seed and count, same points.</summary>
    public int Seed { get; set; } = 20240101;

    /// <summary>Token-bucket limit on the public endpoint; excess requests get 429. 0 = off.</summary>
    public int RequestsPerSecond { get; set; }

    /// <summary>Also serve the contract fixture point 133700000000000053 (plain variant) from the start.</summary>
    public bool RegisterFixturePoints { get; set; } = true;

    public FaultInjectionOptions Faults { get; set; } = new();
}
