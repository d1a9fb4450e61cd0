using OrleansSync.Postgres.Embedded;
using System.Diagnostics;
using System.Globalization;

namespace OrleansSync.Testing;

/// <summary>
/// The one PostgreSQL server of a test process. With <c>ORLEANSSYNC_TEST_CONNECTION</c> set, that
/// server (its user must be allowed to CREATE DATABASE); otherwise a private
/// <see cref="EmbeddedPostgres"/> started on first use under <c>&lt;repo&gt;/.data/test-pg/&lt;pid&gt;</c>
/// and stopped and deleted when the process exits. Tests never use its database directly: each
/// test class makes its own with <see cref="TestDatabase"/>.
/// </summary>
public static class PostgresServer
{
    /// <summary>Environment variable naming an existing server to test against instead.</summary>
    public const string ConnectionVariable = "ORLEANSSYNC_TEST_CONNECTION";

    // Every test class of the process awaits the same start (Lazy's default mode runs the factory
    // once). A failed start stays failed, so each test reports the one cause instead of retrying it.
    private static readonly Lazy<Task<string>> Server = new(() => Task.Run(StartAsync));

    /// <summary>An administrative connection string to the server, starting it if need be.</summary>
    public static Task<string> GetConnectionStringAsync() => Server.Value;

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        // Outside a checkout (assemblies copied elsewhere) the temp folder stands in for .data.
        var root = Path.Combine(RepositoryRoot.Find() ?? Path.GetTempPath(), ".data", "test-pg");
        await RemoveOrphansAsync(root);

        // Created up front so the directory marks this process's cluster even when
        // EmbeddedPostgres relocates the cluster itself under /tmp; RemoveOrphansAsync relies on it.
        var directory = Path.Combine(root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var server = await EmbeddedPostgres.StartAsync(directory);

        // The exit handler stops the server gracefully when it gets the time to; VSTest kills its
        // test host 100 ms after the run, often mid-stop, and a crashed host runs no handler, so
        // the watchdog is what guarantees no server or cluster outlives this process.
        server.StopWhenProcessEnds(deleteData: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAndDelete(server, directory);
        return server.ConnectionString;
    }

    private static void StopAndDelete(EmbeddedPostgres server, string directory)
    {
        try
        {
            // ProcessExit handlers are synchronous; there is no synchronisation context to deadlock on.
            server.StopAsync().GetAwaiter().GetResult();
            EmbeddedPostgres.DestroyAsync(directory).GetAwaiter().GetResult();
        }
        catch (Exception error)
        {
            // An exception escaping a ProcessExit handler would turn a green run into a crash.
            Console.Error.WriteLine($"Could not remove the test PostgreSQL cluster in {directory}: {error.Message}");
        }
    }

    /// <summary>
    /// A test process that was killed never ran its exit handler: its server may still be running
    /// (holding memory and a port) and its cluster is still on disk. Directories are named by
    /// process id, so those of processes that no longer exist are removed.
    /// </summary>
    private static async Task RemoveOrphansAsync(string root)
    {
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                || processId == Environment.ProcessId
                || IsRunning(processId))
            {
                continue;
            }

            try
            {
                await EmbeddedPostgres.DestroyAsync(directory);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another test process may be removing the same orphan; it is not this run's concern.
                Console.Error.WriteLine($"Could not remove an orphaned test PostgreSQL cluster in {directory}: {error.Message}");
            }
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
