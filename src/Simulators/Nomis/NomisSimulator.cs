using OrleansSync.Simulators.Faults;
using OrleansSync.Simulators.Nomis.ReferenceData;
using OrleansSync.Simulators.Nomis.ReferenceData.OtherPrivileges;

namespace OrleansSync.Simulators.Nomis;

/// <summary>
/// One running NOMIS simulator: its data, its event emitter and its faults. A singleton in DI, so in-process
/// tests and benchmarks can use the store directly as well as through the admin endpoints.
/// </summary>
public sealed class NomisSimulator
{
    public NomisSimulator(IOptions<NomisSimulatorOptions> options, TimeProvider time, NomisEventPublisher events)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        Events = events;
        Store = new NomisStore(Options, time, events);
        Faults = new FaultInjector(Options.Faults, time);
        ReferenceData = new NomisReferenceDataStore(Options, time);
        Store.ReferenceCodeDescription = ReferenceData.DescriptionOf;
        OtherPrivileges = new NomisOtherPrivilegesStore(ReferenceData, time);
    }

    public NomisSimulatorOptions Options { get; }

    public NomisStore Store { get; }

    /// <summary>REFERENCE_CODES (IEP_LEVEL), IEP_LEVELS and VISIT_ALLOWANCE_LEVELS, mastered by the hub and pushed here.</summary>
    public NomisReferenceDataStore ReferenceData { get; }

    /// <summary>REFERENCE_CODES (IEP_OTH_PRIV) and OTHER_PRIVILEGES_LEVELS, mastered by the hub and pushed here (inferred endpoints).</summary>
    public NomisOtherPrivilegesStore OtherPrivileges { get; }

    public NomisEventPublisher Events { get; }

    public FaultInjector Faults { get; }
}
