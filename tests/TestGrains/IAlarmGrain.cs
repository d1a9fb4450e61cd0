namespace OrleansSync.Runtime.Tests.TestGrains;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task SetAsync(TimeSpan dueTime, TimeSpan period);

    Task CancelAsync();
}
