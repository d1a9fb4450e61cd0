using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using OrleansSync.Postgres.Providers;
using OrleansSync.Postgres.Streams;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;
using OrleansSync.Postgres.Webhooks;
using Xunit.Abstractions;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>
/// Two real silo processes (tests/Postgres.TestSilo) on one database and cluster; one is killed
/// with SIGKILL under steady stream load. Nothing is lost, doubled or reordered, and the time until
/// the dead silo's work is served again is printed, with the product's failure detection
/// (<see cref="FastFailureDetection"/>) and with Orleans' defaults.
/// </summary>
public sealed class ProcessFailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Keys = 60, PerKey = 50, Queues = 8, MaxRoundsAhead = 4, KillAtRound = PerKey / 3;
    private const int Active = 3, Dead = 6; // Orleans.Runtime.SiloStatus

    private static readonly TimeSpan Deadline = StreamTests.Deadline;

    private readonly List<SiloProcess> _silos = [];
    private readonly string _clusterId = $"failover-{Guid.NewGuid():N}"[..20];
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await StreamsCluster.CreateDatabaseAsync(nameof(ProcessFailoverTests));

    public async Task DisposeAsync()
    {
        // Killed before the database goes, whatever the test did: a silo left running would hold
        // connections to a dropped database and ports, and eat the CPU of the tests after it.
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(TestSiloMembership.Fast)]
    [InlineData(TestSiloMembership.OrleansDefaults)]
    public async Task Every_message_takes_effect_exactly_once_when_a_silo_process_is_killed(string membership)
    {
        var survivor = StartSilo("silo-a", membership);
        var victim = StartSilo("silo-b", membership);
        await WaitForActiveSilosAsync(2);
        var agents = await StreamAgents.WaitUntilSpreadAsync(Database.ConnectionString, _clusterId, silos: 2, Queues, Deadline);
        output.WriteLine($"pulling agents per silo: {string.Join(", ", agents)}");

        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        var producer = new PostgresStreamProducer(
            dataSource,
            new StreamQueueMap(PostgresStreams.ProviderName, Queues),
            new StreamSubscriptions([typeof(LedgerGrain).Assembly]),
            new OutboxWebhooks([]),
            NullLogger<PostgresStreamProducer>.Instance);

        DateTime? killedAt = null;
        Task<TimeSpan>? declaredDead = null;
        for (var round = 1; round <= PerKey; round++)
        {
            await producer.AppendBatchAsync([.. Enumerable.Range(0, Keys).Select(k => Entry(k, round))]);
            if (round == KillAtRound)
            {
                await WaitForAppliedAsync(Keys * (KillAtRound - MaxRoundsAhead));
                output.WriteLine($"killing {victim.Name} (port {victim.SiloPort}) at {await AppliedAsync()} of {Keys * PerKey} applied");
                var stopwatch = Stopwatch.StartNew();
                victim.Kill();
                killedAt = await ClockAsync();
                declaredDead = WaitForDeadAsync(victim, stopwatch);
            }

            await WaitForAppliedAsync((round - MaxRoundsAhead) * Keys);
        }

        await WaitForAppliedAsync(Keys * PerKey);

        // What the test is about: exactly once, in order per key, nothing dead-lettered.
        (await AppliedAsync()).Should().Be(Keys * PerKey, "no message is lost");
        (await ScalarAsync(
            "select count(*) from stream_consumed c join stream_message m on m.id = c.message where c.consumer = $1 and m.namespace = $2",
            LedgerGrain.GrainTypeName, LedgerGrain.Namespace)).Should().Be(Keys * PerKey, "every message is recorded consumed once");
        for (var k = 0; k < Keys; k++)
        {
            (await SequencesAsync(Key(k))).Should().Equal(Enumerable.Range(1, PerKey), $"every message of {Key(k)} is applied, in order");

            // The ledger ignores a repeated entry id, so doubles would not show in it; the fence
            // version counts units of work, one per message applied.
            (await ScalarAsync("select coalesce(max(version), 0) from entity_fence where grain_type = $1 and grain_key = $2", LedgerGrain.GrainTypeName, Key(k)))
                .Should().Be(PerKey, $"no message of {Key(k)} took effect twice");
        }

        (await ScalarAsync("select count(*) from stream_dead_letter")).Should().Be(0, "no message was dead-lettered");
        survivor.HasExited.Should().BeFalse("the surviving silo must not have been declared dead (it would have stopped)");

        // What is measured, not asserted: the machine is a loaded 2-core box.
        var dead = await declaredDead!;
        var servedAgain = await ServedAgainAsync(killedAt!.Value);
        output.WriteLine($"membership {membership}: declared dead after {dead.TotalSeconds:0.0} s; every key applied again {servedAgain.TotalSeconds:0.0} s after the kill");
        foreach (var silo in new[] { survivor, victim })
        {
            var verdicts = silo.Output.Where(IsMembershipVerdict).ToList();
            output.WriteLine($"{silo.Name} membership log ({verdicts.Count} lines):");
            foreach (var line in verdicts)
            {
                output.WriteLine("  " + (line.Length > 240 ? line[..240] + " ..." : line));
            }
        }

        output.WriteLine($"survivor's suspect votes in the membership table: {await Database.ScalarAsync("select coalesce(suspect_times, '(none)') from orleans_membership where deployment_id = $1 and port = $2 and status = $3", _clusterId, survivor.SiloPort, Active)}");
    }

    private SiloProcess StartSilo(string name, string membership)
    {
        var silo = SiloProcess.Start(name, Database.ConnectionString, _clusterId, membership, new Dictionary<string, string>
        {
            ["Streams:QueueCount"] = Queues.ToString(CultureInfo.InvariantCulture),
            ["Streams:MaxAttempts"] = "3",
            ["Streams:RetryBackoff"] = "00:00:00.050",
            ["Streams:RetryBackoffMax"] = "00:00:00.200",
            ["Streams:PollInterval"] = "00:00:00.020",
        });
        _silos.Add(silo);
        return silo;
    }

    private async Task WaitForActiveSilosAsync(int count) =>
        await Eventually.TrueAsync(
            async () =>
            {
                _silos.Where(silo => silo.HasExited).Should().BeEmpty("no silo process should have exited");
                return await ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and status = $2", _clusterId, Active) == count;
            },
            Deadline,
            $"{count} silos Active in the membership table");

    private async Task<TimeSpan> WaitForDeadAsync(SiloProcess silo, Stopwatch sinceKill)
    {
        await Eventually.TrueAsync(
            async () => await ScalarAsync("select count(*) from orleans_membership where deployment_id = $1 and port = $2 and status = $3", _clusterId, silo.SiloPort, Dead) == 1,
            Deadline,
            $"{silo.Name} declared dead");
        return sinceKill.Elapsed;
    }

    /// <summary>
    /// From the kill until every key had a message applied again: the keys of the dead silo's
    /// queues and grains wait for it to be declared dead and for their queues to move.
    /// </summary>
    private async Task<TimeSpan> ServedAgainAsync(DateTime killedAt)
    {
        var lastFirst = await Database.ScalarAsync(
            """
            select max(first_after) from (
                select min(applied_at) as first_after from test_ledger
                where grain = $1 and applied_at > $2 group by key) keys
            """,
            LedgerGrain.GrainTypeName, killedAt);
        var keysAfter = await ScalarAsync("select count(distinct key) from test_ledger where grain = $1 and applied_at > $2", LedgerGrain.GrainTypeName, killedAt);
        keysAfter.Should().Be(Keys, "every key had messages left to apply after the kill");
        return (DateTime)lastFirst! - killedAt;
    }

    /// <summary>Membership's lines about probes, suspicions, votes and deaths (the silo logs membership at Information).</summary>
    private static bool IsMembershipVerdict(string line) =>
        line.Contains("Orleans.Runtime.MembershipService", StringComparison.Ordinal)
        || line.Contains("suspect", StringComparison.OrdinalIgnoreCase);

    private async Task<DateTime> ClockAsync() => (DateTime)(await Database.ScalarAsync("select clock_timestamp()"))!;

    private async Task<long> AppliedAsync() => await ScalarAsync("select count(*) from test_ledger where grain = $1", LedgerGrain.GrainTypeName);

    private async Task WaitForAppliedAsync(int count)
    {
        if (count <= 0)
        {
            return;
        }

        await Eventually.TrueAsync(
            async () =>
            {
                _silos.Where(silo => silo.HasExited).Count().Should().BeLessThanOrEqualTo(1, "only the killed silo may be gone");
                return await AppliedAsync() >= count;
            },
            Deadline,
            $"{count} messages applied");
    }

    private async Task<IReadOnlyList<int>> SequencesAsync(string key)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select sequence from test_ledger where grain = $1 and key = $2 order by id", connection)
        {
            Parameters = { new() { Value = LedgerGrain.GrainTypeName }, new() { Value = key } },
        };
        var sequences = new List<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sequences.Add(reader.GetInt32(0));
        }

        return sequences;
    }

    private async Task<long> ScalarAsync(string sql, params object?[] parameters) =>
        Convert.ToInt64(await Database.ScalarAsync(sql, parameters), CultureInfo.InvariantCulture);

    private static string Key(int k) => $"load-{k}";

    private static StreamAppend Entry(int k, int round) =>
        new(LedgerGrain.Namespace, Key(k), $"{Key(k)}-{round}", JsonSerializer.Serialize(new LedgerEntry(round, 1), StreamJson.Options));
}

/// <summary>The TestSilo's <c>TestSilo:Membership</c> switch.</summary>
public static class TestSiloMembership
{
    /// <summary>The product's <see cref="FastFailureDetection"/>.</summary>
    public const string Fast = "fast";

    /// <summary>Orleans' own <see cref="ClusterMembershipOptions"/> defaults.</summary>
    public const string OrleansDefaults = "orleans";
}
