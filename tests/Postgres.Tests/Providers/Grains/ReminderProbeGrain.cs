using System.Collections.Concurrent;

namespace OrleansSync.Postgres.Tests.Providers.Grains;

[GrainType("tests.reminder-probe")]
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public async Task RegisterAsync(string reminderName, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(reminderName, TimeSpan.Zero, period);

    public async Task<IReadOnlyList<string>> ListAsync() =>
        (await this.GetReminders()).Select(reminder => reminder.ReminderName).ToList();

    public async Task UnregisterAllAsync()
    {
        foreach (var reminder in await this.GetReminders())
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ReminderTicks.Record(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }
}

/// <summary>Reminder ticks per grain key, across activations and silo restarts (the silos share the test process).</summary>
public static class ReminderTicks
{
    private static readonly ConcurrentDictionary<string, int> Counts = new();

    public static void Record(string grainKey) => Counts.AddOrUpdate(grainKey, 1, (_, count) => count + 1);

    public static int Of(string grainKey) => Counts.TryGetValue(grainKey, out var count) ? count : 0;
}
