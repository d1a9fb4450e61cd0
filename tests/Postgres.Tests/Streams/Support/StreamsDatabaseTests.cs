using Npgsql;

namespace OrleansSync.Postgres.Tests.Streams.Support;

/// <summary>
/// Base of a test class that drives the stream provider's parts directly, without a cluster: a fresh database with the
/// provider's schema (<see cref="StreamsCluster.CreateDatabaseAsync"/>), and a data source on it as a silo opens one.
/// </summary>
public abstract class StreamsDatabaseTests(string name) : IAsyncLifetime
{
    private TestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        _database = await StreamsCluster.CreateDatabaseAsync(name);
        _dataSource = PostgresDataSource.Create(_database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
