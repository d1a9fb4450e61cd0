namespace OrleansSync.Postgres.Tests.Providers.Grains;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan period);

    Task<IReadOnlyList<string>> ListAsync();

    Task UnregisterAllAsync();
}
