using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Typed client of Manage POM Cases' <c>GET /allocation/{nomsNumber}/primary_pom</c> (the path CAS2's stubs use).</summary>
public sealed class PomAllocationsClient(HttpClient http, IOptions<TransfersOptions> options)
{
    private readonly TransferHttpReader _reader = new(http, "POM allocations", options.Value.PomAllocations);

    /// <summary>The primary POM, or null when none is allocated (the service's 404).</summary>
    public async Task<PomAllocation?> GetPrimaryPomAsync(string nomsNumber, CancellationToken cancellationToken = default)
    {
        var allocation = await _reader.GetAsync<PomAllocation>($"allocation/{Uri.EscapeDataString(nomsNumber)}/primary_pom", cancellationToken);
        if (allocation is not null && (allocation.Manager is null || allocation.Prison?.Code is not { Length: > 0 }))
        {
            throw new TransferLookupException($"POM allocations answered for {nomsNumber} without manager.code or prison.code.");
        }

        return allocation;
    }
}
