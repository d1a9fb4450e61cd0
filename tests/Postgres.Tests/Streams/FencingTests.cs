using OrleansSync.Postgres.Entities;
using OrleansSync.Postgres.Tests.Streams.Grains;
using OrleansSync.Postgres.Tests.Streams.Support;

namespace OrleansSync.Postgres.Tests.Streams;

/// <summary>
/// Single writer per entity when Orleans' single activation does not hold: two activations of one
/// grain write the same entity, and the fence lets only the current one commit.
/// </summary>
public sealed class FencingTests
{
    private const string Key = "fenced";

    [Fact]
    public async Task Two_activations_of_one_grain_never_double_or_lose_an_entry_and_the_stale_one_deactivates()
    {
        // Two clusters that do not know of each other, on one database: single activation holds
        // within each, so the same grain key has one activation in each at once, as a directory
        // failure can leave for a moment. Both clusters also run stream pulling agents on the same
        // stream tables; this test appends no stream messages, so the agents only poll an empty
        // queue and touch no checkpoint.
        await using var database = await StreamsCluster.CreateDatabaseAsync(nameof(FencingTests));
        await using var a = await StreamsCluster.StartAsync(nameof(FencingTests), database: database, clusterId: "fence-a");
        await using var b = await StreamsCluster.StartAsync(nameof(FencingTests), database: database, clusterId: "fence-b");
        var onA = a.Grains.GetGrain<ILedgerGrain>(Key);
        var onB = b.Grains.GetGrain<ILedgerGrain>(Key);

        // Both activations read version 0; A commits first, so B is stale.
        await onA.PingAsync();
        await onB.PingAsync();
        var staleB = await onB.ActivationAsync();
        await onA.AddAsync("a1", 1);

        await FluentActions.Awaiting(() => onB.AddAsync("b1", 1)).Should().ThrowAsync<EntityFenceException>();
        (await EntryIdsAsync(a)).Should().Equal(["a1"], "the stale activation's unit of work commits nothing");
        (await onB.ActivationAsync()).Should().NotBe(staleB, "the stale activation deactivated itself, so the next call lands on a fresh one");

        // The caller retries the command after the conflict; the fresh activation read version 1.
        await onB.AddAsync("b1", 1);
        (await a.VersionAsync(LedgerGrain.GrainTypeName, Key)).Should().Be(2);

        // Now A's activation is the stale one.
        var staleA = await onA.ActivationAsync();
        await FluentActions.Awaiting(() => onA.AddAsync("a2", 1)).Should().ThrowAsync<EntityFenceException>();
        (await onA.ActivationAsync()).Should().NotBe(staleA);
        await onA.AddAsync("a2", 1);
        var committed = 3;

        // Then both sides race: each cluster sends every command (as a caller that, after a
        // timeout, retries through the other gateway), concurrently and in opposite orders,
        // retrying whatever conflicts.
        var commands = Enumerable.Range(1, 25).Select(i => $"e{i}").ToArray();
        var raced = await Task.WhenAll(SendAllAsync(onA, commands), SendAllAsync(onB, [.. commands.Reverse()]));
        committed += raced.Sum(side => side.Committed);

        var entries = await EntryIdsAsync(a);
        entries.Should().OnlyHaveUniqueItems("no entry is applied twice");
        entries.Should().BeEquivalentTo(["a1", "b1", "a2", .. commands], "no entry is lost");
        (await a.VersionAsync(LedgerGrain.GrainTypeName, Key)).Should().Be(committed, "the fence version counts the committed units of work, and a stale one committed none");
    }

    private static async Task<IReadOnlyList<string>> EntryIdsAsync(StreamsCluster cluster) =>
        [.. (await cluster.EntriesAsync(LedgerGrain.GrainTypeName, Key)).Select(entry => entry.EntryId)];

    /// <summary>Sends each command until it commits, retrying on a fence conflict as a caller does.</summary>
    private static async Task<(int Committed, int Conflicts)> SendAllAsync(ILedgerGrain grain, IReadOnlyList<string> entryIds)
    {
        int committed = 0, conflicts = 0;
        foreach (var entryId in entryIds)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await grain.AddAsync(entryId, 1);
                    committed++;
                    break;
                }
                catch (EntityFenceException) when (attempt < 50)
                {
                    conflicts++;
                }
            }
        }

        return (committed, conflicts);
    }
}
