using OrleansSync.Postgres.Tests.Streams.Grains;

namespace OrleansSync.Bench;

/// <summary>
/// What the stream test grain's ledger (tests/Postgres.TestGrains) says after a run of
/// <c>rounds</c> events per key, numbered 1..rounds: the scenarios that break something under load
/// (a killed silo, a stopped database) read their verdict from here.
/// </summary>
public sealed record LedgerAudit(long Applied, long Distinct, long UnitsOfWork, long OutOfOrder, long DeadLettered)
{
    /// <summary>Events applied more than once: the ledger ignores a repeated entry, but the fence version counts units of work, one per event applied.</summary>
    public long AppliedTwice => UnitsOfWork - Distinct;

    public static async Task<long> AppliedAsync(BenchDatabase database) =>
        await database.ScalarAsync("select count(*) from test_ledger where grain = $1", LedgerGrain.GrainTypeName);

    public static async Task<LedgerAudit> ReadAsync(BenchDatabase database, int rounds) => new(
        await AppliedAsync(database),
        await database.ScalarAsync("select count(*) from (select distinct key, sequence from test_ledger where grain = $1) d", LedgerGrain.GrainTypeName),
        await database.ScalarAsync("select coalesce(sum(version), 0) from entity_fence where grain_type = $1", LedgerGrain.GrainTypeName),
        await database.ScalarAsync(
            """
            select count(*) from (
                select key, array_agg(sequence order by id) as s from test_ledger where grain = $1 group by key) k
            where s <> (select array_agg(g order by g) from generate_series(1, $2) g)
            """,
            LedgerGrain.GrainTypeName,
            rounds),
        await database.ScalarAsync("select count(*) from stream_dead_letter"));

    /// <summary>How long after <paramref name="since"/> (the database's clock) every key had an event applied again.</summary>
    public static async Task<TimeSpan> EveryKeyAppliedAgainAsync(BenchDatabase database, DateTime since) =>
        (DateTime)(await database.ValueAsync(
            """
            select max(first_after) from (
                select min(applied_at) as first_after from test_ledger
                where grain = $1 and applied_at > $2 group by key) keys
            """,
            LedgerGrain.GrainTypeName,
            since))! - since;
}
