namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>
/// Reads of CAS2 applications from committed rows, beside the prisoner grains rather than through them,
/// so a read never queues behind a turn that waits for prisoner search or the POM service.
/// </summary>
public interface ICas2ApplicationReaderGrain : IGrainWithStringKey
{
    Task<Cas2ApplicationPage> ListAsync(Cas2ApplicationQuery query);

    /// <summary>The application with its assignments and timeline, or null.</summary>
    Task<Cas2Application?> GetAsync(Guid applicationId);

    Task<TransfersStatus> GetStatusAsync();
}
