namespace OrleansSync.Grains.Tests;

public sealed class SiloHostTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(nameof(SiloHostTests));

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task The_silo_host_applies_its_migrations_and_reports_ready()
    {
        await using var factory = new SiloFactory(_database.ConnectionString);
        using var client = factory.CreateClient();

        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from rt_schema_migration where module = 'streams' and version = 1", connection);
        ((long)(await command.ExecuteScalarAsync())!).Should().Be(1, "the silo ran against the test database, not an embedded one");
    }
}
