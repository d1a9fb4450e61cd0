namespace OrleansSync.Grains.PrisonTransfers;

/// <summary>What CAS2 reads of a prisoner search record (prisoner-search-prisoner-response.json): where the prisoner is.</summary>
public sealed record PrisonerSearchPrisoner(string? PrisonerNumber, string? PrisonId, string? PrisonName)
{
    /// <summary>Released: not a move to another prison.</summary>
    public const string Released = "OUT";

    /// <summary>In transit between prisons: the move is recorded when the prisoner arrives.</summary>
    public const string InTransfer = "TRN";

    public bool IsInPrison => PrisonId is { Length: > 0 } prison && prison is not (Released or InTransfer);
}
