namespace OrleansSync.Runtime.Tests.Infrastructure;

/// <summary>A test class with its own database and one silo on it, started before each test and stopped after.</summary>
public abstract class SiloTestBase : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected TestSilo Silo { get; private set; } = null!;

    protected IGrainFactory Grains => Silo.Grains;

    protected Probe Probe => Silo.Probe;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(GetType().Name);
        Silo = await TestSilo.StartAsync(Database.ConnectionString, Configure);
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected virtual void Configure(OrleansSync.Runtime.Hosting.RuntimeOptions options)
    {
    }

    protected async Task<long> ScalarAsync(string sql, params object[] values) =>
        Convert.ToInt64(await Database.ScalarAsync(sql, values) ?? throw new InvalidOperationException($"No value from: {sql}"), System.Globalization.CultureInfo.InvariantCulture);

    protected Task ExecuteAsync(string sql, params object[] values) => Database.ExecuteAsync(sql, values);
}
