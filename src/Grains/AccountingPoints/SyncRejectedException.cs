namespace OrleansSync.Grains.AccountingPoints;

/// <summary>The adapter's data cannot be merged (unknown grid area or supplier, version moved): the sync fails with this reason and writes nothing.</summary>
public sealed class SyncRejectedException(string message) : Exception(message);
