using Microsoft.Extensions.Options;

namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>Typed client of hmpps-prisoner-search's <c>GET /prisoner/{nomsNumber}</c>.</summary>
public sealed class PrisonerSearchClient(HttpClient http, IOptions<TransfersOptions> options)
{
    private readonly TransferHttpReader _reader = new(http, "Prisoner search", options.Value.PrisonerSearch);

    /// <summary>The prisoner's record, or null when prisoner search has none.</summary>
    public Task<PrisonerSearchPrisoner?> GetPrisonerAsync(string nomsNumber, CancellationToken cancellationToken = default) =>
        _reader.GetAsync<PrisonerSearchPrisoner>($"prisoner/{Uri.EscapeDataString(nomsNumber)}", cancellationToken);
}
