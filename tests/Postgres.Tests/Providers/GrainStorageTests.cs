using System.Text.Json;
using OrleansSync.Postgres.Tests.Providers.Grains;
using OrleansSync.Postgres.Tests.Support;

namespace OrleansSync.Postgres.Tests.Providers;

/// <summary>Grain state on the project's schema: one row per grain type, full key and state name, as plain JSON.</summary>
public sealed class GrainStorageTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private IGrainFactory Grains => fixture.Cluster.GrainFactory;

    [Fact]
    public async Task Two_grain_types_with_the_same_key_and_state_name_keep_separate_state()
    {
        var key = $"prisoner-{Guid.NewGuid():N}";
        var alpha = Grains.GetGrain<IAlphaNoteGrain>(key);
        var beta = Grains.GetGrain<IBetaNoteGrain>(key);

        await alpha.WriteAsync("alpha's note");
        await beta.WriteAsync("beta's note");
        await beta.WriteAsync("beta's second note");
        await alpha.DeactivateAsync();
        await beta.DeactivateAsync();

        await ExpectStoredAsync(alpha, "alpha's note", writeCount: 1);
        await ExpectStoredAsync(beta, "beta's second note", writeCount: 2);
        (await CountRowsAsync(key)).Should().Be(2, "each grain type has its own row for the key");
    }

    [Fact]
    public async Task String_keys_that_read_as_the_same_hex_number_keep_separate_state()
    {
        // Both parse as the hex number 0xA1234AA; the bare provider binds only that number.
        var shortKey = Grains.GetGrain<IAlphaNoteGrain>("A1234AA");
        var paddedKey = Grains.GetGrain<IAlphaNoteGrain>("0A1234AA");

        await shortKey.WriteAsync("A1234AA's note");
        await paddedKey.WriteAsync("0A1234AA's note");
        await shortKey.DeactivateAsync();
        await paddedKey.DeactivateAsync();

        await ExpectStoredAsync(shortKey, "A1234AA's note", writeCount: 1);
        await ExpectStoredAsync(paddedKey, "0A1234AA's note", writeCount: 1);
        (await CountRowsAsync("A1234AA")).Should().Be(1);
        (await CountRowsAsync("0A1234AA")).Should().Be(1);
    }

    [Fact]
    public async Task State_is_stored_as_plain_System_Text_Json()
    {
        var key = $"json-{Guid.NewGuid():N}";
        await Grains.GetGrain<IAlphaNoteGrain>(key).WriteAsync("plain JSON");

        var payload = (string?)await fixture.Database.ScalarAsync(
            "select payload::text from orleans_grain_state where grain_type = 'tests.alpha-note' and grain_key = $1 and state_name = $2",
            key, NoteGrainBase.StateName);

        payload.Should().NotBeNull();
        using var json = JsonDocument.Parse(payload!);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        json.RootElement.GetProperty("text").GetString().Should().Be("plain JSON");
        json.RootElement.GetProperty("writeCount").GetInt32().Should().Be(1);
        json.RootElement.EnumerateObject().Select(property => property.Name).Should().NotContain(name => name.StartsWith('$'), "no type names");
    }

    private static async Task ExpectStoredAsync(INoteGrain grain, string text, int writeCount)
    {
        // A call racing the deactivation may still reach the old activation; the stored state is
        // what a fresh activation reads, and it reads the same either way.
        NoteState? state = null;
        await Eventually.TrueAsync(async () => (state = await grain.ReadAsync()).Text == text, Deadline, $"the note '{text}' read back");
        state!.WriteCount.Should().Be(writeCount);
    }

    private async Task<long> CountRowsAsync(string grainKey) =>
        (long)(await fixture.Database.ScalarAsync("select count(*) from orleans_grain_state where grain_key = $1", grainKey))!;
}
