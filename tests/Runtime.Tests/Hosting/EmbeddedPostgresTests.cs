using OrleansSync.Postgres.Embedded;
using System.Runtime.Versioning;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Tests.Hosting;

/// <summary>
/// Each test starts clusters of its own (not the shared <see cref="PostgresServer"/>) under
/// <c>.data/test-embedded</c>, and destroys them afterwards whatever happened.
/// </summary>
[SupportedOSPlatform("linux")] // EmbeddedPostgres runs the Linux server binaries; these tests check unix modes
public sealed class EmbeddedPostgresTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(
        RepositoryRoot.Find() ?? Path.GetTempPath(), ".data", "test-embedded", Guid.NewGuid().ToString("N"));

    private readonly List<string> _dataDirectories = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var directory in _dataDirectories)
        {
            await EmbeddedPostgres.DestroyAsync(directory);
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_started_server_accepts_connections_and_runs_select_1()
    {
        var directory = DataDirectory("cluster");

        await using var server = await EmbeddedPostgres.StartAsync(directory);

        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString);
        builder.Host.Should().Be("127.0.0.1");
        builder.Port.Should().Be(server.Port);
        builder.Database.Should().Be("postgres");
        (await ScalarAsync<int>(server.ConnectionString, "select 1")).Should().Be(1);
        (await ScalarAsync<string>(server.ConnectionString, "show max_connections")).Should().Be("300");

        await server.StopAsync();
        File.Exists(Path.Combine(server.DataDirectory, "postmaster.pid")).Should().BeFalse("the server was stopped");
        var afterStop = () => ScalarAsync<int>(server.ConnectionString, "select 1");
        await afterStop.Should().ThrowAsync<NpgsqlException>();
        await server.StopAsync(); // a second stop (and the dispose after it) is harmless
    }

    [Fact]
    public async Task Restarting_on_the_same_data_directory_reuses_the_cluster_and_its_data()
    {
        var directory = DataDirectory("cluster");
        long systemIdentifier;
        await using (var first = await EmbeddedPostgres.StartAsync(directory))
        {
            await ScalarAsync<int>(first.ConnectionString, "create table kept (value text); insert into kept values ('survives'); select 1");
            systemIdentifier = await ScalarAsync<long>(first.ConnectionString, "select system_identifier from pg_control_system()");
        }

        await using var second = await EmbeddedPostgres.StartAsync(directory);

        // Same system identifier: initdb did not run again. The stored password still works.
        (await ScalarAsync<long>(second.ConnectionString, "select system_identifier from pg_control_system()")).Should().Be(systemIdentifier);
        (await ScalarAsync<string>(second.ConnectionString, "select value from kept")).Should().Be("survives");
    }

    [Fact]
    public async Task A_server_left_running_by_a_crashed_run_is_stopped_and_the_cluster_started_again()
    {
        var directory = DataDirectory("cluster");
        await using var abandoned = await EmbeddedPostgres.StartAsync(directory);
        await ScalarAsync<int>(abandoned.ConnectionString, "create table kept (value int); insert into kept values (42); select 1");

        // No StopAsync: as if the process that started it had been killed.
        await using var restarted = await EmbeddedPostgres.StartAsync(directory);

        (await ScalarAsync<int>(restarted.ConnectionString, "select value from kept")).Should().Be(42);
        var toAbandoned = () => ScalarAsync<int>(abandoned.ConnectionString, "select 1");
        await toAbandoned.Should().ThrowAsync<NpgsqlException>("the stale server was stopped");
        await restarted.StopAsync(); // before the abandoned handle's dispose, which then finds nothing to stop
    }

    [Fact]
    public async Task The_password_is_private_and_TCP_connections_need_it()
    {
        await using var server = await EmbeddedPostgres.StartAsync(DataDirectory("cluster"));

        var passwordFile = Directory.EnumerateFiles(server.DataDirectory, "*.password").Should().ContainSingle().Subject;
        File.GetUnixFileMode(passwordFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var withoutPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = null, Pooling = false }.ConnectionString;
        var connect = () => ScalarAsync<int>(withoutPassword, "select 1");
        await connect.Should().ThrowAsync<NpgsqlException>();
    }

    [Fact]
    public async Task A_data_directory_the_postgres_user_cannot_reach_is_relocated_when_running_as_root()
    {
        var privateParent = Path.Combine(_root, "private");
        Directory.CreateDirectory(privateParent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var requested = DataDirectory(Path.Combine("private", "cluster"));

        await using (var server = await EmbeddedPostgres.StartAsync(requested))
        {
            (await ScalarAsync<int>(server.ConnectionString, "select 1")).Should().Be(1);
            if (Environment.UserName == "root")
            {
                // 0700 and owned by root: the postgres user cannot enter it.
                server.DataDirectory.Should().StartWith("/tmp/orleanssync-postgres/");
            }
            else
            {
                // Without root the server runs as this user, who owns the directory.
                server.DataDirectory.Should().Be(requested);
            }

            await server.StopAsync();
            await EmbeddedPostgres.DestroyAsync(requested);
            Directory.Exists(server.DataDirectory).Should().BeFalse("destroying the requested directory removes its relocation too");
        }
    }

    [Fact]
    public async Task Two_test_databases_are_isolated()
    {
        await using var first = await TestDatabase.CreateAsync(nameof(EmbeddedPostgresTests));
        await using var second = await TestDatabase.CreateAsync(nameof(EmbeddedPostgresTests));

        first.Name.Should().NotBe(second.Name);
        first.Name.Should().StartWith("embeddedpostgrestests_");
        await ScalarAsync<int>(first.ConnectionString, "create table only_in_first (id int); select 1");
        (await ScalarAsync<string>(first.ConnectionString, "select current_database()")).Should().Be(first.Name);
        (await ScalarAsync<string?>(first.ConnectionString, "select to_regclass('only_in_first')::text")).Should().Be("only_in_first");
        (await ScalarAsync<string?>(second.ConnectionString, "select to_regclass('only_in_first')::text")).Should().BeNull();

        var server = await PostgresServer.GetConnectionStringAsync();
        await first.DisposeAsync();
        (await ScalarAsync<long>(server, $"select count(*) from pg_database where datname = '{first.Name}'")).Should().Be(0, "dispose drops the database");
    }

    private string DataDirectory(string name)
    {
        var directory = Path.Combine(_root, name);
        _dataDirectories.Add(directory);
        return directory;
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? default! : (T)result!;
    }
}
