namespace OrleansSync.Postgres.Tests.Streams.Grains;

/// <summary>
/// A stream message of the test ledger. <paramref name="FailTimes"/> makes the first attempts throw; <paramref name="Poison"/> throws until cured;
/// <paramref name="ConsumedMeanwhile"/> has the message recorded consumed outside the handling unit of work before it commits, as another activation would;
/// <paramref name="FailAtCommitTimes"/> makes the first attempts queue a write that fails at commit.
/// </summary>
public sealed record LedgerEntry(int Sequence, int Amount, int FailTimes = 0, bool Poison = false, bool Echo = false, bool ConsumedMeanwhile = false, int FailAtCommitTimes = 0);
