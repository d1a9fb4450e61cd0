using Microsoft.Extensions.DependencyInjection;
using OrleansSync.Postgres.Tests.Providers.Grains;
using OrleansSync.Postgres.Tests.Support;

namespace OrleansSync.Postgres.Tests.Providers;

/// <summary>ADO.NET reminders on the project's schema.</summary>
public sealed class ReminderTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_reminder_on_a_grain_with_a_long_key_fires_is_listed_and_survives_a_silo_restart()
    {
        // 300 characters: more than the short varchar grain ids of upstream scripts (#9653).
        var key = $"long-{Guid.NewGuid():N}-".PadRight(300, 'x');
        var grain = fixture.Cluster.GrainFactory.GetGrain<IReminderProbeGrain>(key);

        await grain.RegisterAsync("tick", TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(() => ReminderTicks.Of(key) >= 2, Deadline, "the reminder to fire twice");
        (await grain.ListAsync()).Should().Equal("tick");
        var storedGrainId = (string?)await fixture.Database.ScalarAsync("select grain_id from orleans_reminder where reminder_name = 'tick'");
        storedGrainId.Should().Be($"tests.reminder-probe/{key}");

        var restarted = await fixture.Cluster.RestartSiloAsync(fixture.Cluster.Silos.Single());
        var ticksBeforeRestartSettled = ReminderTicks.Of(key);

        // Only the new silo's reminder service, loading the row from the table, can fire it now.
        await Eventually.TrueAsync(() => ReminderTicks.Of(key) >= ticksBeforeRestartSettled + 2, Deadline, "the reminder to fire again after the restart");
        var grainsOnNewSilo = fixture.Cluster.GetSiloServiceProvider(restarted!.SiloAddress).GetRequiredService<IGrainFactory>();
        var sameGrain = grainsOnNewSilo.GetGrain<IReminderProbeGrain>(key);
        (await sameGrain.ListAsync()).Should().Equal("tick");

        await sameGrain.UnregisterAllAsync();
        (await fixture.Database.ScalarAsync("select count(*) from orleans_reminder")).Should().Be(0L);
    }
}
