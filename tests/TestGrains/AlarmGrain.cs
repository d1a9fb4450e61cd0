
namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class AlarmGrain(Probe probe) : Grain, IAlarmGrain, IRemindable
{
    Task IAlarmGrain.SetAsync(TimeSpan dueTime, TimeSpan period) => RegisterOrUpdateReminder("alarm", dueTime, period);

    Task IAlarmGrain.CancelAsync() => UnregisterReminder("alarm");

    Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        probe.Record($"tick:{GrainId.Key}:{reminderName}");
        return Task.CompletedTask;
    }
}
