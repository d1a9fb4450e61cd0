using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Webhooks;
using OrleansSync.Testing;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// PostgreSQL, the cluster's only store, stopped for a while (fast shutdown: every connection cut)
/// and started again under a steady event load, with two real silo processes (tests/Postgres.TestSilo)
/// that are not restarted. The producer plays an upstream system: an append that fails is sent
/// again with the same message id until it is accepted. Measures how long after PostgreSQL is back
/// every key has an event applied again, and checks that both silos are still members and that
/// every event took effect exactly once, in order. Flags: --keys 40 --seconds 40 --down 10 --rate 200.
/// </summary>
public static class PostgresOutageScenario
{
    private const int Active = 3; // Orleans.Runtime.SiloStatus
    private const int Queues = 8;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(BenchArgs args)
    {
        var keys = args.Int("keys", 40);
        var seconds = args.Int("seconds", 40);
        var down = TimeSpan.FromSeconds(args.Int("down", 10));
        var rate = args.Int("rate", 200);

        await using var database = await BenchDatabase.CreateAsync();
        var server = database.Server ?? throw new InvalidOperationException("The outage scenario stops the benchmark's own PostgreSQL: unset ORLEANSSYNC_BENCH_CONNECTION.");
        var clusterId = $"outage-{Guid.NewGuid():N}"[..20];
        var settings = new Dictionary<string, string>
        {
            ["Streams:QueueCount"] = Queues.ToString(CultureInfo.InvariantCulture),
            ["Streams:RetryBackoff"] = "00:00:00.200",
            ["Streams:RetryBackoffMax"] = "00:00:02",
        };

        using var first = SiloProcess.Start("silo-a", database.ConnectionString, clusterId, "fast", settings);
        using var second = SiloProcess.Start("silo-b", database.ConnectionString, clusterId, "fast", settings);
        SiloProcess[] silos = [first, second];
        try
        {
            await Eventually.TrueAsync(
                async () => silos.All(s => !s.HasExited)
                    ? await database.ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and status = $2", clusterId, Active) == 2
                    : throw new InvalidOperationException("a silo process exited"),
                Deadline,
                "2 silos Active");
            await StreamAgents.WaitUntilSpreadAsync(database.ConnectionString, clusterId, silos: 2, Queues, Deadline);

            await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
            var producer = new PostgresStreamProducer(
                dataSource,
                new StreamQueueMap(PostgresStreams.ProviderName, Queues),
                new StreamSubscriptions([typeof(LedgerGrain).Assembly]),
                new OutboxWebhooks([]),
                NullLogger<PostgresStreamProducer>.Instance);

            var rounds = seconds * rate / keys;
            var interval = TimeSpan.FromSeconds((double)keys / rate);
            var failedAppends = 0;
            var load = Stopwatch.StartNew();
            Task<DateTime>? outage = null;
            for (var round = 1; round <= rounds; round++)
            {
                if (outage is null && load.Elapsed >= TimeSpan.FromSeconds(seconds) / 4)
                {
                    outage = StopAsync(server, database, down);
                }

                StreamAppend[] batch = [.. Enumerable.Range(0, keys).Select(k => Entry(k, round))];
                while (true)
                {
                    try
                    {
                        await producer.AppendBatchAsync(batch);
                        break;
                    }
                    catch (Exception problem) when (problem is NpgsqlException or InvalidOperationException or TimeoutException)
                    {
                        // As an upstream system does: the same messages again, later.
                        failedAppends++;
                        await Task.Delay(TimeSpan.FromMilliseconds(200));
                    }
                }

                var due = interval * round - load.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }
            }

            var restartedAt = await (outage ?? throw new InvalidOperationException("the load ended before the outage; raise --seconds"));
            var events = (long)keys * rounds;
            await Eventually.TrueAsync(async () => await LedgerAudit.AppliedAsync(database) >= events, Deadline, $"{events} events applied");
            await Task.Delay(TimeSpan.FromSeconds(1)); // anything applied twice late would show too

            var recovered = await LedgerAudit.EveryKeyAppliedAgainAsync(database, restartedAt);
            var audit = await LedgerAudit.ReadAsync(database, rounds);
            var activeSilos = await database.ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and status = $2", clusterId, Active);
            var exited = silos.Count(s => s.HasExited);

            BenchTable.Print(
                $"postgres-outage: 2 silo processes, {Queues} queues, {keys} keys, {rate} events/s for {seconds} s, PostgreSQL stopped for {down.TotalSeconds:0} s",
                ["events", "appends refused (retried)", "every key applied again after restart (s)", "silos active / exited", "lost", "applied twice", "out of order", "dead-lettered"],
                [[
                    BenchTable.Number(events),
                    BenchTable.Number(failedAppends),
                    BenchTable.Number(recovered.TotalSeconds, "N1"),
                    $"{activeSilos} / {exited}",
                    BenchTable.Number(events - audit.Distinct),
                    BenchTable.Number(audit.AppliedTwice),
                    BenchTable.Number(audit.OutOfOrder),
                    BenchTable.Number(audit.DeadLettered),
                ]]);
            var clean = events == audit.Distinct && audit.AppliedTwice == 0 && audit.OutOfOrder == 0 && activeSilos == 2 && exited == 0;
            Console.WriteLine();
            Console.WriteLine(
                $"recovered: {recovered.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after PostgreSQL was back, without restarting a silo; " +
                (clean ? "every event took effect exactly once, in order" : "NOT CLEAN: see the table"));
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

    /// <summary>Stops the server for <paramref name="down"/>; returns the database's clock once it accepts connections again.</summary>
    private static async Task<DateTime> StopAsync(Postgres.Embedded.EmbeddedPostgres server, BenchDatabase database, TimeSpan down)
    {
        Console.WriteLine($"stopping PostgreSQL for {down.TotalSeconds:0} s");
        await server.StopForAsync(down);
        Console.WriteLine("PostgreSQL is back");

        // The benchmark's own measuring connections died with the server; the silos' are their business.
        NpgsqlConnection.ClearAllPools();
        return (DateTime)(await database.ValueAsync("select clock_timestamp()"))!;
    }

    private static string Key(int k) => $"outage-{k}";

    private static StreamAppend Entry(int k, int round) =>
        new(LedgerGrain.Namespace, Key(k), $"{Key(k)}-{round}", JsonSerializer.Serialize(new LedgerEntry(round, 1), StreamJson.Options));
}
