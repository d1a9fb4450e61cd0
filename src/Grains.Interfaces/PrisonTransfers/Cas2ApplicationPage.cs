namespace OrleansSync.Grains.PrisonTransfers;

[GenerateSerializer, Immutable]
public sealed record Cas2ApplicationPage(IReadOnlyList<Cas2ApplicationSummary> Items, int Page, int PageSize, long TotalResults)
{
    public int TotalPages => TotalResults == 0 ? 0 : (int)((TotalResults + PageSize - 1) / PageSize);
}
