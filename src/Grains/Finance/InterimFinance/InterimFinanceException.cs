namespace OrleansSync.Grains.Finance.InterimFinance;

/// <summary>The interim finance solution refused or failed a request; the push is retried by its stream, then dead-lettered.</summary>
public sealed class InterimFinanceException(string message, Exception? inner = null) : Exception(message, inner);
