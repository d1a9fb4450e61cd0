using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace OrleansSync.Postgres.Tests;

public sealed class PostgresDataSourceTests
{
    private const string Burst = "select pg_sleep(0.05)";

    [Fact]
    public async Task A_burst_on_the_stream_providers_data_source_opens_no_more_than_its_bound_and_every_query_completes()
    {
        await using var database = await TestDatabase.CreateAsync(nameof(PostgresDataSourceTests));
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 200 }.ConnectionString;
        await using var services = new ServiceCollection().AddPostgresDataSources(connectionString).BuildServiceProvider();
        var streams = services.GetRequiredKeyedService<NpgsqlDataSource>(PostgresDataSource.StreamsKey);

        // As many at once as a gateway's burst of appends: more than the bound, fewer than the connection string allows.
        var completed = 0;
        await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            await using var command = streams.CreateCommand(Burst);
            await command.ExecuteNonQueryAsync();
            Interlocked.Increment(ref completed);
        }));

        // The pool keeps what it opened, so the server's sessions whose last query was the burst's are all it opened.
        var opened = Convert.ToInt32(await database.ScalarAsync("select count(*) from pg_stat_activity where datname = current_database() and query = $1", Burst));
        completed.Should().Be(100);
        opened.Should().BeGreaterThan(1, "the burst ran concurrently").And.BeLessOrEqualTo(PostgresDataSource.StreamsMaxPoolSize);
    }
}
