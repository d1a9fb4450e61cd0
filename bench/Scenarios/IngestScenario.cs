using OrleansSync.Bench.Grains;
using OrleansSync.Postgres;

namespace OrleansSync.Bench.Scenarios;

/// <summary>
/// N events over K entities, end to end: appended, delivered, and the entity's fenced write of
/// current row + history + outbox committed. Side by side in one run: the grain design, the
/// reference design (a worker pool claiming inbox rows with FOR UPDATE SKIP LOCKED, one
/// transaction per event, same writes), and the raw single-row insert rate of the same database.
/// The designs alternate in rounds (reference, per event, per event with its writes run directly,
/// batched, ..., reference), and each round's grain designs are compared with the mean of the
/// reference runs on either side of them: the reference's rate moved by up to 40% between runs
/// within one benchmark, and by more from one benchmark to the next, so a single pair decided the
/// ratio. The ratios printed are the median of the rounds'.
/// </summary>
public static class IngestScenario
{
    // Each design is measured at steady state (see WarmUpAsync): a silo's first 20,000 events had recompiled
    // 5,000-10,000 methods while they ran (bench CPU 1.1-1.6 ms per event), and whichever design went first paid
    // for the code the others share.
    private const string WarmUpPrefix = "warm";
    private const string MeasuredPrefix = "entity";
    private const string MeasuredHistory = $"select count(*) from bench_history where entity_key like '{MeasuredPrefix}%'";
    private static readonly TimeSpan JitQuietTimeout = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(BenchArgs args)
    {
        var events = args.Int("events", 20_000);
        var keys = args.Int("keys", 1_000);
        var workers = args.Int("workers", 16);
        var rounds = args.Int("rounds", 3);
        Console.WriteLine($"ingest: {events:N0} events over {keys:N0} entities; reference pool of {workers} workers; {rounds} rounds; {Environment.ProcessorCount} cores");

        var raw = await MeasureRawInsertsAsync(events, workers);
        var references = new List<Result> { await MeasureReferenceAsync(events, keys, workers) };
        var measured = new List<Round>();
        for (var number = 1; number <= rounds; number++)
        {
            // The two per-event variants swap places every round, so that neither always runs first.
            Result perEvent, direct;
            if (number % 2 == 1)
            {
                perEvent = await MeasureGrainsAsync(PerEventEntityGrain.Namespace, events, keys);
                direct = await MeasureGrainsAsync(DirectWritesEntityGrain.Namespace, events, keys);
            }
            else
            {
                direct = await MeasureGrainsAsync(DirectWritesEntityGrain.Namespace, events, keys);
                perEvent = await MeasureGrainsAsync(PerEventEntityGrain.Namespace, events, keys);
            }

            var batched = await MeasureGrainsAsync(BatchingEntityGrain.Namespace, events, keys);
            references.Add(await MeasureReferenceAsync(events, keys, workers));
            measured.Add(new Round(number, (references[^2].PerSecond + references[^1].PerSecond) / 2, perEvent, direct, batched));
        }

        BenchTable.Print("events/s, end to end (higher is better); events per unit of work (transaction); CPU per event of the bench process (silo and producer) and of PostgreSQL; WAL per event (the server's, while the design ran)",
            ["design", "events/s", "seconds", "out-of-order effects", "events per unit", "bench CPU ms", "PostgreSQL CPU ms", "WAL bytes", "methods JIT-compiled"],
        [
            Row("raw single-row inserts", raw, "-"),
            Row("reference: SKIP LOCKED worker pool, round 0", references[0], BenchTable.Number(references[0].OutOfOrder)),
            .. measured.SelectMany(round => new[]
            {
                Row($"grains: one unit of work per event, round {round.Number}", round.PerEvent, BenchTable.Number(round.PerEvent.OutOfOrder)),
                Row($"grains: the same, writes run directly, round {round.Number}", round.Direct, BenchTable.Number(round.Direct.OutOfOrder)),
                Row($"grains: a key's backlog per unit of work, round {round.Number}", round.Batched, BenchTable.Number(round.Batched.OutOfOrder)),
                Row($"reference: SKIP LOCKED worker pool, round {round.Number}", references[round.Number], BenchTable.Number(references[round.Number].OutOfOrder)),
            }),
        ]);

        BenchTable.Print("each round against the mean of the reference runs before and after it",
            ["round", "reference events/s", "per event / reference", "writes run directly / reference", "batched / reference"],
            measured.Select(round => (IReadOnlyList<string>)[
                BenchTable.Number(round.Number), BenchTable.Number(round.Reference), BenchTable.Number(round.PerEventRatio, "0.00"),
                BenchTable.Number(round.DirectRatio, "0.00"), BenchTable.Number(round.BatchedRatio, "0.00")]));
        var perEventMedian = Median(measured.Select(round => round.PerEventRatio));
        var batchedMedian = Median(measured.Select(round => round.BatchedRatio));
        Console.WriteLine($"reference: {Median(references.Select(r => r.PerSecond)):N0} events/s, median of {references.Count} runs ({references.Min(r => r.PerSecond):N0}-{references.Max(r => r.PerSecond):N0})");
        Console.WriteLine($"per event: grains / reference {perEventMedian:0.00}x (median of {measured.Count} rounds; writes run directly {Median(measured.Select(round => round.DirectRatio)):0.00}x); batched: grains / reference {batchedMedian:0.00}x; per event grains / raw inserts {Median(measured.Select(round => round.PerEvent.PerSecond)) / raw.PerSecond:0.00}x");
        Console.WriteLine($"ratio: {batchedMedian:0.00}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<Result> MeasureRawInsertsAsync(int rows, int connections)
    {
        await using var database = await BenchDatabase.CreateAsync();
        await using (var silo = await BenchSilo.StartAsync(database.ConnectionString))
        {
            // Starting a silo migrates the schema; the raw test then uses only its own table.
        }

        var (cpu, wal) = (CpuTime.Now(), await database.WalPositionAsync());
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            for (var i = worker; i < rows; i += connections)
            {
                await using var insert = new NpgsqlCommand("insert into bench_raw (entity_key, sequence) values ($1, $2)", connection);
                insert.Parameters.Add(new NpgsqlParameter { Value = $"k{i}" });
                insert.Parameters.Add(new NpgsqlParameter { Value = i });
                await insert.ExecuteNonQueryAsync();
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        return new Result(rows, seconds, 0, CpuTime.Now().Since(cpu), rows, null, await database.WalPositionAsync() - wal);
    }

    private static async Task<Result> MeasureReferenceAsync(int events, int keys, int workers)
    {
        await using var database = await BenchDatabase.CreateAsync();
        await using (var silo = await BenchSilo.StartAsync(database.ConnectionString))
        {
        }

        // The reference's sessions are the product's (PostgresDataSource): the same statement preparation.
        await using var dataSource = PostgresDataSource.Create(database.ConnectionString);
        await WarmUpAsync(prefix => RunReferenceAsync(dataSource, Sequence(events / 5, keys, prefix), workers));

        var (cpu, compiled, wal) = (CpuTime.Now(), JitQuiet.CompiledMethods, await database.WalPositionAsync());
        var watch = Stopwatch.StartNew();
        await RunReferenceAsync(dataSource, Sequence(events, keys, MeasuredPrefix), workers);
        var seconds = watch.Elapsed.TotalSeconds;
        var (used, written) = (CpuTime.Now().Since(cpu), await database.WalPositionAsync() - wal);
        var done = await database.ScalarAsync(MeasuredHistory);
        if (done != events)
        {
            throw new InvalidOperationException($"The reference processed {done} of {events} events.");
        }

        return new Result(events, seconds, await OutOfOrderAsync(database), used, events, JitQuiet.CompiledMethods - compiled, written);
    }

    private static async Task RunReferenceAsync(NpgsqlDataSource dataSource, IEnumerable<(string Key, int Sequence)> sequence, int workers)
    {
        var producing = ProduceInboxAsync(dataSource, sequence);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(dataSource, producing)));
    }

    private static async Task ProduceInboxAsync(NpgsqlDataSource dataSource, IEnumerable<(string Key, int Sequence)> sequence)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        foreach (var chunk in sequence.Chunk(500))
        {
            await using var insert = new NpgsqlCommand("insert into bench_inbox (entity_key, sequence) select unnest($1::text[]), unnest($2::int[])", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(e => e.Key).ToArray() });
            insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Select(e => e.Sequence).ToArray() });
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The reference worker: claim one row, apply it, mark it, commit; until the inbox is drained and the producer done.</summary>
    private static async Task WorkAsync(NpgsqlDataSource dataSource, Task producing)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var claim = new NpgsqlCommand("select id, entity_key, sequence, appended_at from bench_inbox where not processed order by id limit 1 for update skip locked", connection, transaction);
            long id;
            string key;
            int sequence;
            DateTime appendedAt;
            await using (var reader = await claim.ExecuteReaderAsync())
            {
                if (!await reader.ReadAsync())
                {
                    await reader.DisposeAsync();
                    await transaction.RollbackAsync();
                    if (producing.IsCompleted)
                    {
                        return;
                    }

                    await Task.Yield();
                    continue;
                }

                (id, key, sequence, appendedAt) = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2), reader.GetDateTime(3));
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            batch.BatchCommands.Add(EntityWrites.Command(EntityWrites.UpsertEntity, key, sequence));
            batch.BatchCommands.Add(EntityWrites.Command(EntityWrites.InsertHistory, key, sequence, appendedAt));
            batch.BatchCommands.Add(EntityWrites.Command("insert into bench_outbox (entity_key, sequence) values ($1, $2)", key, sequence));
            batch.BatchCommands.Add(EntityWrites.Command("update bench_inbox set processed = true where id = $1", id));
            await batch.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    private static async Task<Result> MeasureGrainsAsync(string streamNamespace, int events, int keys)
    {
        await using var database = await BenchDatabase.CreateAsync();
        await using var silo = await BenchSilo.StartAsync(database.ConnectionString);

        // A warm-up round is over once its outbox events are delivered too: each message consumed once.
        var rounds = 0;
        await WarmUpAsync(async prefix =>
        {
            await AppendAsync(silo.StreamProducer, streamNamespace, Sequence(events / 5, keys, prefix));
            await WaitForAsync(database, "select count(*) from stream_consumed", 2L * (events / 5) * ++rounds, TimeSpan.FromMinutes(5));
        });

        var afterId = await LastHistoryIdAsync(database);
        var (cpu, compiled, wal) = (CpuTime.Now(), JitQuiet.CompiledMethods, await database.WalPositionAsync());
        var watch = Stopwatch.StartNew();
        await AppendAsync(silo.StreamProducer, streamNamespace, Sequence(events, keys, MeasuredPrefix));
        await WaitForHistoryAsync(database, afterId, events, TimeSpan.FromMinutes(5));
        var (seconds, used, written) = (watch.Elapsed.TotalSeconds, CpuTime.Now().Since(cpu), await database.WalPositionAsync() - wal);

        // Every committed unit of work advanced its entity's fence by one (the outbox sink commits none).
        var units = await database.ScalarAsync($"select coalesce(sum(version), 0) from entity_fence where grain_key like '{MeasuredPrefix}%'");
        return new Result(events, seconds, await OutOfOrderAsync(database), used, units, JitQuiet.CompiledMethods - compiled, written);
    }

    /// <summary>
    /// Rounds of a fifth of the events, unmeasured, on entities of their own (so that every measured entity's first event
    /// still activates its grain), until the JIT has quietened and a round compiles fewer than 100 methods, or 5 rounds.
    /// </summary>
    private static async Task WarmUpAsync(Func<string, Task> round)
    {
        for (var number = 1; number <= 5; number++)
        {
            var compiled = JitQuiet.CompiledMethods;
            await round($"{WarmUpPrefix}{number}-");
            await JitQuiet.WaitAsync(JitQuietTimeout);
            if (JitQuiet.CompiledMethods - compiled < 100)
            {
                return;
            }
        }
    }

    private static async Task AppendAsync(IStreamProducer producer, string streamNamespace, IEnumerable<(string Key, int Sequence)> sequence)
    {
        foreach (var chunk in sequence.Chunk(500))
        {
            await producer.AppendBatchAsync([.. chunk.Select(e => new StreamAppend(streamNamespace, e.Key, $"{e.Key}-{e.Sequence}", Json(new BenchEvent(e.Sequence, DateTimeOffset.UtcNow))))]);
        }
    }

    /// <summary>Round-robin over the keys, so each key's sequence is spread through the run.</summary>
    private static IEnumerable<(string Key, int Sequence)> Sequence(int events, int keys, string prefix) =>
        Enumerable.Range(0, events).Select(i => ($"{prefix}{i % keys}", (i / keys) + 1));

    private static Task<long> OutOfOrderAsync(BenchDatabase database) => database.ScalarAsync("""
        select count(*) from (select sequence, lag(sequence) over (partition by entity_key order by id) as previous from bench_history) h
        where previous is not null and sequence < previous
        """);

    internal static async Task WaitForAsync(BenchDatabase database, string countSql, long expected, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (await database.ScalarAsync(countSql) < expected)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {await database.ScalarAsync(countSql)} of {expected} effects after {timeout}.");
            }

            await timer.WaitForNextTickAsync();
        }
    }

    /// <summary>
    /// Waits for <paramref name="expected"/> history rows after row <paramref name="afterId"/>. It polls the highest id
    /// (one index probe) and counts only once that is far enough: counting every 50 ms scanned the growing table, and in
    /// a 26-second run of the per-event design its 386 counts took 6.0 s of PostgreSQL's execution time (pg_stat_statements),
    /// on the cores the design measured needs.
    /// </summary>
    internal static async Task WaitForHistoryAsync(BenchDatabase database, long afterId, long expected, TimeSpan timeout)
    {
        await WaitForAsync(database, "select coalesce(max(id), 0) - " + afterId.ToString(CultureInfo.InvariantCulture) + " from bench_history", expected, timeout);
        await WaitForAsync(database, "select count(*) from bench_history where id > " + afterId.ToString(CultureInfo.InvariantCulture), expected, timeout);
    }

    internal static Task<long> LastHistoryIdAsync(BenchDatabase database) => database.ScalarAsync("select coalesce(max(id), 0) from bench_history");

    internal static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, StreamJson.Options);

    private static string[] Row(string design, Result result, string outOfOrder) =>
    [
        design, BenchTable.Number(result.PerSecond), BenchTable.Number(result.Seconds, "N1"), outOfOrder, BenchTable.Number((double)result.Events / result.Units, "N1"),
        BenchTable.Number(result.Cpu.Bench.TotalMilliseconds / result.Events, "N2"),
        result.Cpu.Postgres is { } postgres ? BenchTable.Number(postgres.TotalMilliseconds / result.Events, "N2") : "-",
        BenchTable.Number((double)result.WalBytes / result.Events),
        result.Compiled is { } compiled ? BenchTable.Number(compiled) : "-",
    ];

    private sealed record Result(int Events, double Seconds, long OutOfOrder, CpuTime Cpu, long Units, long? Compiled, long WalBytes)
    {
        public double PerSecond => Events / Seconds;
    }

    /// <summary>One round of the grain designs, with the mean rate of the reference runs on either side of it.</summary>
    private sealed record Round(int Number, double Reference, Result PerEvent, Result Direct, Result Batched)
    {
        public double PerEventRatio => PerEvent.PerSecond / Reference;

        public double DirectRatio => Direct.PerSecond / Reference;

        public double BatchedRatio => Batched.PerSecond / Reference;
    }
}
