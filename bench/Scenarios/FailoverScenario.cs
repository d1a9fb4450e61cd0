using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Webhooks;
using OrleansSync.Testing;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// SIGKILL of one of two real silo processes (tests/Postgres.TestSilo) on one database under
/// steady stream load, once with Orleans' default membership options and once with the product's
/// <see cref="FastFailureDetection"/>: how long until the killed silo's work is served again
/// (every key has a message applied after the kill), when it was declared dead, and that nothing
/// was lost, applied twice, reordered or dead-lettered. Measured as tests/Postgres.Tests
/// ProcessFailoverTests does; flags: --keys 60 --rounds 50 --queues 8.
/// </summary>
public static class FailoverScenario
{
    private const int Active = 3, Dead = 6; // Orleans.Runtime.SiloStatus
    private const int MaxRoundsAhead = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(BenchArgs args)
    {
        var keys = args.Int("keys", 60);
        var rounds = args.Int("rounds", 50);
        var queues = args.Int("queues", 8);
        var results = new List<Result>();
        foreach (var membership in new[] { "orleans", "fast" })
        {
            results.Add(await RunOnceAsync(membership, keys, rounds, queues));
        }

        BenchTable.Print(
            $"failover: 2 silo processes, {queues} queues, {keys} keys x {rounds} events, SIGKILL of one at round {rounds / 3}",
            ["membership", "declared dead (s)", "served again (s)", "events", "applied", "lost", "applied twice", "out of order", "dead-lettered"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Membership == "fast" ? "ours (FastFailureDetection)" : "Orleans defaults",
                BenchTable.Number(r.DeclaredDead.TotalSeconds, "N1"),
                BenchTable.Number(r.ServedAgain.TotalSeconds, "N1"),
                BenchTable.Number(r.Events),
                BenchTable.Number(r.Applied),
                BenchTable.Number(r.Lost),
                BenchTable.Number(r.Twice),
                BenchTable.Number(r.OutOfOrder),
                BenchTable.Number(r.DeadLettered),
            ]));

        var orleans = results.Single(r => r.Membership == "orleans");
        var fast = results.Single(r => r.Membership == "fast");
        var clean = results.All(r => r.Lost == 0 && r.Twice == 0 && r.OutOfOrder == 0 && r.DeadLettered == 0);
        Console.WriteLine();
        Console.WriteLine(
            $"ratio: {(fast.ServedAgain / orleans.ServedAgain).ToString("0.00", CultureInfo.InvariantCulture)} " +
            $"(served again {fast.ServedAgain.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s ours vs " +
            $"{orleans.ServedAgain.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s Orleans defaults; " +
            (clean ? "0 lost, 0 applied twice)" : "NOT CLEAN: see the table)"));
    }

    private sealed record Result(string Membership, TimeSpan DeclaredDead, TimeSpan ServedAgain, long Events, long Applied, long Lost, long Twice, long OutOfOrder, long DeadLettered);

    private static async Task<Result> RunOnceAsync(string membership, int keys, int rounds, int queues)
    {
        await using var database = await BenchDatabase.CreateAsync();
        var clusterId = $"failover-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string>
        {
            ["Streams:QueueCount"] = queues.ToString(CultureInfo.InvariantCulture),
            ["Streams:MaxAttempts"] = "3",
            ["Streams:RetryBackoff"] = "00:00:00.050",
            ["Streams:RetryBackoffMax"] = "00:00:00.200",
            ["Streams:PollInterval"] = "00:00:00.020",
        };

        using var survivor = SiloProcess.Start("silo-a", database.ConnectionString, clusterId, membership, settings);
        using var victim = SiloProcess.Start("silo-b", database.ConnectionString, clusterId, membership, settings);
        SiloProcess[] silos = [survivor, victim];
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    if (silos.Any(s => s.HasExited))
                    {
                        throw new InvalidOperationException("a silo process exited");
                    }

                    return await database.ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and status = $2", clusterId, Active) == 2;
                },
                Deadline,
                "2 silos Active in the membership table");
            await StreamAgents.WaitUntilSpreadAsync(database.ConnectionString, clusterId, silos: 2, queues, Deadline);

            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            var producer = new PostgresStreamProducer(
                dataSource,
                new StreamQueueMap(PostgresStreams.ProviderName, queues),
                new StreamSubscriptions([typeof(LedgerGrain).Assembly]),
                new OutboxWebhooks([]),
                NullLogger<PostgresStreamProducer>.Instance);

            async Task WaitApplied(long count)
            {
                if (count > 0)
                {
                    await Eventually.TrueAsync(async () => await LedgerAudit.AppliedAsync(database) >= count, Deadline, $"{count} events applied");
                }
            }

            var killAt = rounds / 3;
            DateTime killedAt = default;
            Task<TimeSpan>? declaredDead = null;
            for (var round = 1; round <= rounds; round++)
            {
                await producer.AppendBatchAsync([.. Enumerable.Range(0, keys).Select(k => Entry(k, round))]);
                if (round == killAt)
                {
                    await WaitApplied(keys * (killAt - MaxRoundsAhead));
                    var sinceKill = Stopwatch.StartNew();
                    victim.Kill();
                    killedAt = (DateTime)(await database.ValueAsync("select clock_timestamp()"))!;
                    declaredDead = WaitForDeadAsync(database, clusterId, victim.SiloPort, sinceKill);
                }

                await WaitApplied((long)(round - MaxRoundsAhead) * keys);
            }

            var events = (long)keys * rounds;
            await WaitApplied(events);
            await Task.Delay(TimeSpan.FromSeconds(1)); // anything applied twice late would show too
            var dead = await declaredDead!;
            var servedAgain = await LedgerAudit.EveryKeyAppliedAgainAsync(database, killedAt);
            var keysAfter = await database.ScalarAsync("select count(distinct key) from test_ledger where grain = $1 and applied_at > $2", LedgerGrain.GrainTypeName, killedAt);
            if (keysAfter != keys)
            {
                throw new InvalidOperationException($"only {keysAfter} of {keys} keys had events applied after the kill; raise --rounds");
            }

            var audit = await LedgerAudit.ReadAsync(database, rounds);
            if (survivor.HasExited)
            {
                throw new InvalidOperationException("the surviving silo exited (declared dead?): " + string.Join(Environment.NewLine, survivor.Output.TakeLast(20)));
            }

            Console.WriteLine($"{membership}: declared dead after {dead.TotalSeconds:0.0} s, every key applied again {servedAgain.TotalSeconds:0.0} s after the kill");
            return new Result(membership, dead, servedAgain, events, audit.Applied, events - audit.Distinct, audit.AppliedTwice, audit.OutOfOrder, audit.DeadLettered);
        }
        catch
        {
            foreach (var silo in silos)
            {
                silo.WriteLastOutput(Console.Error);
            }

            throw;
        }
    }

    private static async Task<TimeSpan> WaitForDeadAsync(BenchDatabase database, string clusterId, int port, Stopwatch sinceKill)
    {
        await Eventually.TrueAsync(
            async () => await database.ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and port = $2 and status = $3", clusterId, port, Dead) == 1,
            Deadline,
            "the killed silo declared dead");
        return sinceKill.Elapsed;
    }

    private static string Key(int k) => $"load-{k}";

    private static StreamAppend Entry(int k, int round) =>
        new(LedgerGrain.Namespace, Key(k), $"{Key(k)}-{round}", JsonSerializer.Serialize(new LedgerEntry(round, 1), StreamJson.Options));
}
