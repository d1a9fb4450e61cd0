using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.InterimFinance;

/// <summary>One running interim finance API simulator: its accounts and its faults.</summary>
public sealed class InterimFinanceSimulator
{
    public InterimFinanceSimulator(IOptions<InterimFinanceSimulatorOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Faults = new FaultInjector(Options.Faults, time);
    }

    public InterimFinanceSimulatorOptions Options { get; }

    public InterimFinanceStore Store { get; } = new();

    public FaultInjector Faults { get; }
}
