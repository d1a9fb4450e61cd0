using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Datahub;

/// <summary>
/// One running adapter simulator: its data and its faults. A singleton in DI, so in-process tests and
/// benchmarks can reach the store directly as well as through the admin endpoints.
/// </summary>
public sealed class DatahubAdapterSimulator
{
    public DatahubAdapterSimulator(IOptions<DatahubAdapterSimulatorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Store = new AccountingPointStore(Options.PointCount, Options.Seed, Options.RegisterFixturePoints);
        Faults = new FaultInjector(Options.Faults, time, Options.RequestsPerSecond);
    }

    public DatahubAdapterSimulatorOptions Options { get; }

    public AccountingPointStore Store { get; }

    public FaultInjector Faults { get; }

    /// <summary>Contract requests per point, in flight and overall (overlap assertions).</summary>
    public AccountingPointRequestLog Requests { get; } = new();

    /// <summary>Failures injected for single points.</summary>
    public AccountingPointFailures PointFailures { get; } = new();
}
