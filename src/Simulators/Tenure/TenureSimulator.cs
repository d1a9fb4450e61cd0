using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.Tenure;

/// <summary>One running tenure API simulator: its tenures, its event topic, its request log and its faults.</summary>
public sealed class TenureSimulator
{
    public TenureSimulator(IOptions<TenureSimulatorOptions> options, TimeProvider time, TenureEventPublisher events)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Events = events;
        Store = new TenureStore(events);
        Faults = new FaultInjector(Options.Faults, time);
    }

    public TenureSimulatorOptions Options { get; }

    public TenureStore Store { get; }

    public TenureEventPublisher Events { get; }

    public TenureRequestLog Requests { get; } = new();

    public FaultInjector Faults { get; }
}
