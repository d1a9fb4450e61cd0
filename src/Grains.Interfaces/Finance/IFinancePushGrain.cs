namespace OrleansSync.Grains.Finance;

/// <summary>
/// The push of one tenure's account to the interim finance solution (key: tenure id). It receives the
/// account events of the outbox (<see cref="FinanceStreams.AccountEvents"/>) and sends the account's
/// current version unless the interim solution has it already.
/// </summary>
public interface IFinancePushGrain : IGrainWithStringKey
{
    /// <summary>
    /// Pushes the current version unless it was pushed; with <paramref name="verify"/> (a repair), first reads the
    /// interim copy and pushes unless it is equal. Throws when the interim solution refuses or fails.
    /// </summary>
    Task<PushOutcome> PushAsync(bool verify);
}
