using System.Text.RegularExpressions;
using OrleansSync.Simulators.Common;
using OrleansSync.Simulators.Faults;

namespace OrleansSync.Simulators.PrisonTransfers;

/// <summary>
/// The state of the prisoner search and POM allocations simulators: where each prisoner is, who is their
/// primary POM, and which numbers were merged away. Admin changes raise the real domain events.
/// </summary>
public sealed partial class TransfersSimulator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SimulatedPrisoner> _prisoners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedAllocation> _allocations = new(StringComparer.Ordinal);

    public TransfersSimulator(IOptions<TransfersSimulatorOptions> options, TimeProvider time, TransfersEventPoster events)
    {
        Options = options.Value;
        Events = events;
        PrisonerSearchFaults = new FaultInjector(Options.PrisonerSearchFaults, time);
        PomAllocationsFaults = new FaultInjector(Options.PomAllocationsFaults, time);
    }

    public TransfersSimulatorOptions Options { get; }

    public TransfersEventPoster Events { get; }

    public FaultInjector PrisonerSearchFaults { get; }

    public FaultInjector PomAllocationsFaults { get; }

    public SimulatedPrisoner? GetPrisoner(string nomsNumber)
    {
        lock (_gate)
        {
            return _prisoners.GetValueOrDefault(nomsNumber);
        }
    }

    public SimulatedAllocation? GetAllocation(string nomsNumber)
    {
        lock (_gate)
        {
            return _allocations.GetValueOrDefault(nomsNumber);
        }
    }

    public SimulatedPrisoner Seed(string? nomsNumber, string? prisonId, string? prisonName)
    {
        var prisoner = new SimulatedPrisoner(RequireNoms(nomsNumber, "nomsNumber"), RequirePrison(prisonId, "prisonId"), prisonName ?? $"HMP {prisonId}");
        lock (_gate)
        {
            _prisoners[prisoner.PrisonerNumber] = prisoner;
        }

        return prisoner;
    }

    /// <summary>Sets a prisoner's primary POM without raising an event (a test arranging what the POM service answers).</summary>
    public SimulatedAllocation Allocate(string nomsNumber, long staffCode, string? forename, string? surname, string prisonCode)
    {
        var allocation = new SimulatedAllocation(new SimulatedManager(staffCode, forename, surname), new SimulatedPrison(RequirePrison(prisonCode, "prisonCode")));
        lock (_gate)
        {
            _allocations[RequireNoms(nomsNumber, "nomsNumber")] = allocation;
        }

        return allocation;
    }

    /// <summary>Moves a known prisoner, then raises prisoner.updated with categoriesChanged LOCATION.</summary>
    public async Task<TransfersSimulatorEvent> MoveAsync(string nomsNumber, MovePrisonerRequest request, CancellationToken cancellationToken)
    {
        var prisonId = RequirePrison(request.PrisonId, "prisonId");
        lock (_gate)
        {
            if (!_prisoners.ContainsKey(nomsNumber))
            {
                throw SimulatorException.NotFound($"Prisoner search has no prisoner {nomsNumber}; seed it first.");
            }

            _prisoners[nomsNumber] = new SimulatedPrisoner(nomsNumber, prisonId, request.PrisonName ?? $"HMP {prisonId}");
        }

        return await Events.PostAsync(TransfersDomainEvents.PrisonerUpdated(nomsNumber, Options.PublicBaseUrl, Events.Now), cancellationToken);
    }

    /// <summary>Allocates a primary POM, then raises offender-management.allocation.changed.</summary>
    public async Task<TransfersSimulatorEvent> AllocateAsync(string nomsNumber, AllocatePomRequest request, CancellationToken cancellationToken)
    {
        RequireNoms(nomsNumber, "nomsNumber");
        if (request.StaffCode is not > 0)
        {
            throw SimulatorException.BadRequest("staffCode is required: the POM's staff id, a positive number.");
        }

        var allocation = new SimulatedAllocation(new SimulatedManager(request.StaffCode.Value, request.Forename, request.Surname), new SimulatedPrison(RequirePrison(request.PrisonCode, "prisonCode")));
        lock (_gate)
        {
            _allocations[nomsNumber] = allocation;
        }

        return await Events.PostAsync(TransfersDomainEvents.AllocationChanged(nomsNumber, Options.PublicBaseUrl, Events.Now), cancellationToken);
    }

    /// <summary>Merges two prisoners (the removed one's record and allocation go), then raises prisoner.merged.</summary>
    public async Task<TransfersSimulatorEvent> MergeAsync(MergePrisonersRequest request, CancellationToken cancellationToken)
    {
        var removed = RequireNoms(request.RemovedNomsNumber, "removedNomsNumber");
        var kept = RequireNoms(request.NomsNumber, "nomsNumber");
        if (removed == kept)
        {
            throw SimulatorException.BadRequest("removedNomsNumber must differ from nomsNumber.");
        }

        lock (_gate)
        {
            if (_prisoners.Remove(removed, out var removedPrisoner) && !_prisoners.ContainsKey(kept))
            {
                _prisoners[kept] = removedPrisoner with { PrisonerNumber = kept };
            }

            _allocations.Remove(removed);
        }

        return await Events.PostAsync(TransfersDomainEvents.PrisonerMerged(removed, kept, request.BookingId, Events.Now), cancellationToken);
    }

    public void Reset()
    {
        lock (_gate)
        {
            _prisoners.Clear();
            _allocations.Clear();
        }

        Events.ClearHistory();
    }

    private static string RequireNoms(string? value, string field) =>
        value is not null && NomsNumber().IsMatch(value) ? value : throw SimulatorException.BadRequest($"{field} must be a NOMS number such as A1234AA.");

    private static string RequirePrison(string? value, string field) =>
        value is not null && PrisonCode().IsMatch(value) ? value : throw SimulatorException.BadRequest($"{field} must be a prison code of 2 to 6 capital letters or digits, such as LEI (OUT: released, TRN: in transit).");

    [GeneratedRegex("^[A-Z][0-9]{4}[A-Z]{2}$")]
    private static partial Regex NomsNumber();

    [GeneratedRegex("^[A-Z0-9]{2,6}$")]
    private static partial Regex PrisonCode();
}
