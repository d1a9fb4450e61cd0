using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;

namespace OrleansSync.Postgres.Embedded;

/// <summary>
/// A private PostgreSQL cluster run from the server binaries installed on this machine, so that a
/// newcomer (and CI) can run the silo and the tests with nothing else configured. The cluster lives
/// in a data directory of its own, listens only on 127.0.0.1 on a free port, and is reused across
/// restarts: <c>initdb</c> runs once, and the superuser password it was given is kept in a 0600
/// file inside the data directory.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. When this process is root, every PostgreSQL program runs as
/// the <c>postgres</c> system user (through <c>runuser</c>, or <c>setpriv</c> where runuser is
/// missing), the data directory is owned by that user, and a data directory that user cannot reach
/// is moved under /tmp.
/// </remarks>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    // The Debian command that installs the server binaries; named in every error about them.
    private const string InstallCommand = "sudo apt-get update && sudo apt-get install -y postgresql";

    // The superuser the cluster is created with, whoever runs it, so connection strings never vary.
    private const string SuperUser = "postgres";

    // The system user the programs run as when this process is root (created by Debian's package).
    private const string ServiceUser = "postgres";
    private const string PasswordFileName = "orleanssync-superuser.password";
    private const string SettingsFileName = "orleanssync.conf";
    private const string LogFileName = "orleanssync-postgres.log";
    private const string RelocationRoot = "/tmp/orleanssync-postgres";
    private const int MaxConnections = 300;
    private const string SharedBuffers = "128MB";
    private const int StartAttempts = 3;
    private const int LogExcerptBytes = 16 * 1024;

    // sun_path is 108 bytes on Linux including the terminating NUL; PostgreSQL refuses longer paths.
    private const int MaxSocketPathLength = 107;

    private static readonly TimeSpan PgCtlWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadinessPollInterval = TimeSpan.FromMilliseconds(100);

    // Watchdogs hold the read end of a pipe whose write end is this process's. Rooted here for the
    // life of the process: if the GC finalised one, its pipe would close and it would stop the
    // server while it is still in use.
    private static readonly List<Process> Watchdogs = [];

    private readonly string _binDirectory;
    private readonly string _requestedDirectory;
    private readonly bool _runAsServiceUser;
    private readonly ILogger _logger;
    private readonly object _stopGate = new();
    private Task? _stopTask;
    private string? _socketDirectory;

    // Where this start's part of the (appended-to) server log begins: failures quote only that.
    private long _startLogOffset;

    private EmbeddedPostgres(string binDirectory, string requestedDirectory, string dataDirectory, bool runAsServiceUser, ILogger logger)
    {
        _binDirectory = binDirectory;
        _requestedDirectory = requestedDirectory;
        DataDirectory = dataDirectory;
        _runAsServiceUser = runAsServiceUser;
        _logger = logger;
    }

    /// <summary>
    /// Connection string to database <c>postgres</c> on 127.0.0.1 as the superuser, password
    /// included. It is a secret: never log it.
    /// </summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The TCP port on 127.0.0.1 the server listens on (chosen afresh at every start).</summary>
    public int Port { get; private set; }

    /// <summary>
    /// The data directory actually used: the one asked for, or its relocation under /tmp when the
    /// <c>postgres</c> user could not reach it (see <see cref="StartAsync"/>).
    /// </summary>
    public string DataDirectory { get; }

    private string LogPath => Path.Combine(DataDirectory, LogFileName);

    private string PasswordPath => Path.Combine(DataDirectory, PasswordFileName);

    /// <summary>
    /// Starts (creating it on first use) the cluster in <paramref name="dataDirectory"/> and returns
    /// once it accepts password-authenticated connections on 127.0.0.1.
    /// </summary>
    public static async Task<EmbeddedPostgres> StartAsync(
        string dataDirectory, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(
                "EmbeddedPostgres runs the Linux PostgreSQL binaries; on Windows point the connection string at a server instead.");
        }

        logger ??= NullLogger.Instance;
        var requested = Path.GetFullPath(dataDirectory);
        RejectShellMetacharacters(requested);
        var installed = FindBinDirectory()
            ?? throw new InvalidOperationException(
                $"PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found: neither `pg_config --bindir` " +
                $"nor /usr/lib/postgresql/*/bin has them. Install them with: {InstallCommand}");

        var runAsServiceUser = IsRoot();
        var effective = runAsServiceUser
            ? await ReachableByServiceUserAsync(requested, logger, cancellationToken)
            : requested;

        // An existing cluster must be started by the major version that created it; with several
        // versions installed, the newest is only the default for new clusters.
        var binDirectory = BinDirectoryForCluster(effective) ?? installed;
        var server = new EmbeddedPostgres(binDirectory, requested, effective, runAsServiceUser, logger);
        await server.StartCoreAsync(cancellationToken);
        return server;
    }

    /// <summary>
    /// Stops any server still running on the cluster in <paramref name="dataDirectory"/> (immediate
    /// shutdown: its data is being thrown away) and deletes the cluster, including a relocation of it
    /// under /tmp. For cleaning up after tests and after processes that crashed.
    /// </summary>
    public static async Task DestroyAsync(
        string dataDirectory, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        logger ??= NullLogger.Instance;
        var requested = Path.GetFullPath(dataDirectory);
        var runAsServiceUser = IsRoot();
        foreach (var directory in new[] { requested, RelocationOf(requested) })
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            var binDirectory = BinDirectoryForCluster(directory) ?? FindBinDirectory();
            if (binDirectory is not null && File.Exists(Path.Combine(directory, "postmaster.pid")))
            {
                var server = new EmbeddedPostgres(binDirectory, requested, directory, runAsServiceUser, logger);
                await server.StopRunningPostmasterAsync("immediate", cancellationToken);
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The directory holding initdb, pg_ctl and postgres: <c>pg_config --bindir</c> when it has
    /// them, else the highest-versioned /usr/lib/postgresql/*/bin that does, else null.
    /// </summary>
    public static string? FindBinDirectory()
    {
        var fromPgConfig = PgConfigBinDirectory();
        if (fromPgConfig is not null && HasServerBinaries(fromPgConfig))
        {
            return fromPgConfig;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(debianRoot)
            .Select(directory => (Bin: Path.Combine(directory, "bin"), Version: ParseMajorVersion(Path.GetFileName(directory))))
            .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>). Safe to call more than once.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// An outage drill: stops the server (fast shutdown: every connection is cut, as when a
    /// database host goes away) and starts it again on the same port after <paramref name="downFor"/>,
    /// so clients that keep their connection string must recover on their own.
    /// </summary>
    public async Task StopForAsync(TimeSpan downFor, CancellationToken cancellationToken = default)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("EmbeddedPostgres runs the Linux PostgreSQL binaries.");
        }

        await StopRunningPostmasterAsync("fast", cancellationToken);
        _logger.LogWarning("Embedded PostgreSQL in {DataDirectory} stopped for {DownFor}", DataDirectory, downFor);
        await Task.Delay(downFor, cancellationToken);

        // The per-start settings file still names this port.
        var start = await RunPostgresToolAsync("pg_ctl", ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", Seconds(PgCtlWait)], cancellationToken);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL did not start again in {DataDirectory} (pg_ctl exit code {start.ExitCode}): {start.Output}");
        }
    }


    /// <summary>
    /// Makes sure the server does not outlive this process, however the process ends: a detached
    /// watchdog then stops it (immediate shutdown) and, with <paramref name="deleteData"/>, deletes
    /// the cluster. Exit handlers alone are not enough: a test runner kills its test host 100 ms
    /// after the run (VSTest), and a killed or crashed process runs no handler at all.
    /// </summary>
    public void StopWhenProcessEnds(bool deleteData)
    {
        // The watchdog's stdin is a pipe only this process writes to, and never does: its `cat`
        // returns when the kernel closes the pipe, which is when this process is gone, whatever
        // killed it. .NET creates the pipe close-on-exec, so no other child (least of all the
        // postmaster) keeps it open. setsid keeps a Ctrl+C meant for this process off the watchdog.
        const string script = "exec >/dev/null 2>&1; cat; \"$@\"; " +
            "[ -z \"$ORLEANSSYNC_DELETE\" ] || rm -rf -- \"$ORLEANSSYNC_DELETE\" \"$ORLEANSSYNC_DELETE_REQUESTED\"";
        var stop = CreateStartInfo(
            Path.Combine(_binDirectory, "pg_ctl"),
            ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", Seconds(PgCtlWait)],
            _runAsServiceUser);
        var watchdog = CreateStartInfo("sh", ["-c", script, "orleanssync-postgres-watchdog", stop.FileName, .. stop.ArgumentList], asServiceUser: false);
        watchdog.RedirectStandardInput = true;
        if (File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid"))
        {
            watchdog.ArgumentList.Insert(0, watchdog.FileName);
            watchdog.FileName = "setsid";
        }

        if (deleteData)
        {
            watchdog.Environment["ORLEANSSYNC_DELETE"] = DataDirectory;
            watchdog.Environment["ORLEANSSYNC_DELETE_REQUESTED"] = _requestedDirectory;
        }

        var process = Process.Start(watchdog) ?? throw new InvalidOperationException("Could not start the PostgreSQL watchdog");
        lock (Watchdogs)
        {
            Watchdogs.Add(process);
        }
    }

    [UnsupportedOSPlatform("windows")]
    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _logger.LogInformation("Starting embedded PostgreSQL from {BinDirectory} in {DataDirectory}", _binDirectory, DataDirectory);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeClusterAsync(cancellationToken);
        }

        var password = ReadPassword();
        if (password is null)
        {
            // Only a hand-deleted file gets here (initialisation writes it before the cluster
            // appears). A new one is made and the cluster is brought in line after start, through
            // the trust-authenticated unix socket.
            password = NewPassword();
            WriteSecretFile(PasswordPath, password);
            _logger.LogWarning("The superuser password file in {DataDirectory} was missing; a new password was generated", DataDirectory);
        }

        // Files this process wrote as root (password, settings) must belong to the server's user,
        // and so must a cluster an earlier run left with another owner, or the server refuses it.
        await TakeOwnershipAsync(DataDirectory, cancellationToken);
        await StopRunningPostmasterAsync("immediate", cancellationToken, leftByEarlierRun: true);

        for (var attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            WriteSettings();
            await TakeOwnershipAsync(Path.Combine(DataDirectory, SettingsFileName), cancellationToken);

            _startLogOffset = LogLength();
            var start = await RunPostgresToolAsync(
                "pg_ctl",
                ["start", "-D", DataDirectory, "-l", LogPath, "-w", "-t", Seconds(PgCtlWait)],
                cancellationToken);
            if (start.ExitCode == 0)
            {
                break;
            }

            var log = ReadLogSince(_startLogOffset);

            // The port was free when chosen but another process may take it before the server
            // binds it; a new port is the fix, anything else is a real failure.
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                _logger.LogWarning("Port {Port} was taken before PostgreSQL could bind it; retrying on another port", Port);
                continue;
            }

            throw new InvalidOperationException(
                $"PostgreSQL failed to start in {DataDirectory} (pg_ctl exit code {start.ExitCode}).{Environment.NewLine}" +
                $"pg_ctl output:{Environment.NewLine}{start.Output}{Environment.NewLine}" +
                $"Server log ({LogPath}):{Environment.NewLine}{log}");
        }

        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = Port,
            Database = "postgres",
            Username = SuperUser,
            Password = password,
            SslMode = SslMode.Disable,
        }.ConnectionString;

        try
        {
            await WaitUntilReadyAsync(password, cancellationToken);
        }
        catch
        {
            // Never leave a postmaster behind that no one holds a handle to.
            await StopRunningPostmasterAsync("immediate", CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Runs initdb into a sibling staging directory and moves it into place only once the cluster
    /// and its password file are complete, so a crash mid-way never leaves a half-made cluster or
    /// a cluster whose password nobody knows.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private async Task InitializeClusterAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new InvalidOperationException(
                $"{DataDirectory} is neither empty nor a PostgreSQL data directory (it has no PG_VERSION); refusing to initialise a cluster there.");
        }

        _logger.LogInformation("Initialising a new PostgreSQL cluster in {DataDirectory}", DataDirectory);
        var staging = DataDirectory + ".initializing";
        var passwordFile = DataDirectory + ".pwfile";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true); // left by an initialisation that crashed
        }

        Directory.CreateDirectory(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var password = NewPassword();

        // initdb wants the data directory empty, so the password goes in through a file beside it.
        WriteSecretFile(passwordFile, password);
        try
        {
            await TakeOwnershipAsync(staging, cancellationToken);
            await TakeOwnershipAsync(passwordFile, cancellationToken);
            var initdb = await RunPostgresToolAsync(
                "initdb",
                [
                    "-D", staging,
                    "-U", SuperUser,
                    "--pwfile=" + passwordFile,
                    "--encoding=UTF8",
                    // C.UTF-8 ships with glibc (no locale package needed) and sorts the same on
                    // every machine, while still knowing the case of non-ASCII letters.
                    "--locale=C.UTF-8",
                    // Local (unix socket) connections are trusted: the socket lives inside the
                    // 0700 data directory, so only its owner (and root) can reach it. TCP always
                    // needs the password.
                    "--auth-local=trust",
                    "--auth-host=scram-sha-256",
                ],
                cancellationToken);
            if (initdb.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"initdb failed for {DataDirectory} (exit code {initdb.ExitCode}):{Environment.NewLine}{initdb.Output}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        // Per-start settings (port, socket) go to a file of their own so postgresql.conf is
        // written once; included last, they override initdb's defaults.
        await File.AppendAllTextAsync(
            Path.Combine(staging, "postgresql.conf"),
            $"{Environment.NewLine}# OrleansSync EmbeddedPostgres settings, rewritten at every start.{Environment.NewLine}include_if_exists = '{SettingsFileName}'{Environment.NewLine}",
            cancellationToken);
        WriteSecretFile(Path.Combine(staging, PasswordFileName), password);

        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory); // empty, checked above
        }

        Directory.Move(staging, DataDirectory);
    }

    private void WriteSettings()
    {
        var socketPath = Path.Combine(DataDirectory, ".s.PGSQL." + Port.ToString(CultureInfo.InvariantCulture));

        // The socket only serves the password reset path; a data directory too deep for a socket
        // path (or one whose name cannot be quoted in the list setting) simply goes without.
        _socketDirectory = socketPath.Length <= MaxSocketPathLength && DataDirectory.IndexOfAny([',', '"', '\'']) < 0
            ? DataDirectory
            : null;
        if (_socketDirectory is null)
        {
            _logger.LogInformation("Data directory path too long or unusual for a unix socket; PostgreSQL listens on TCP only");
        }

        var settings = new StringBuilder()
            .AppendLine("# Written by OrleansSync EmbeddedPostgres at every start; edits here are overwritten.")
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"port = {Port}")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{_socketDirectory ?? string.Empty}'")
            .AppendLine(CultureInfo.InvariantCulture, $"max_connections = {MaxConnections}")
            .AppendLine(CultureInfo.InvariantCulture, $"shared_buffers = {SharedBuffers}")
            // stderr is the pg_ctl log file in the data directory, which is what failures quote.
            .AppendLine("logging_collector = off")
            .ToString();
        File.WriteAllText(Path.Combine(DataDirectory, SettingsFileName), settings);
    }

    private async Task WaitUntilReadyAsync(string password, CancellationToken cancellationToken)
    {
        // pg_ctl -w only watches postmaster.pid; connecting over TCP with the password proves what
        // callers need: the listener, the authentication rules and the password.
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString)
        {
            Pooling = false,
            Timeout = 5,
            CommandTimeout = 5,
        }.ConnectionString;
        var stopwatch = Stopwatch.StartNew();
        var passwordAligned = false;
        Exception? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                _logger.LogInformation(
                    "Embedded PostgreSQL ready on 127.0.0.1:{Port} after {ElapsedMs} ms", Port, stopwatch.ElapsedMilliseconds);
                return;
            }
            catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.InvalidPassword && !passwordAligned)
            {
                passwordAligned = true;
                await AlignPasswordAsync(password, error, cancellationToken);
                continue;
            }
            catch (Exception error) when (error is NpgsqlException or SocketException or TimeoutException or IOException)
            {
                lastError = error;
            }

            if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                throw new InvalidOperationException(
                    $"PostgreSQL in {DataDirectory} exited while starting.{Environment.NewLine}Server log:{Environment.NewLine}{ReadLogSince(_startLogOffset)}",
                    lastError);
            }

            if (stopwatch.Elapsed >= ReadinessTimeout)
            {
                throw new TimeoutException(
                    $"PostgreSQL in {DataDirectory} did not accept connections on 127.0.0.1:{Port} within {ReadinessTimeout.TotalSeconds:0} s " +
                    $"(last error: {lastError?.Message}).{Environment.NewLine}Server log:{Environment.NewLine}{ReadLogSince(_startLogOffset)}",
                    lastError);
            }

            await Task.Delay(ReadinessPollInterval, cancellationToken);
        }
    }

    /// <summary>
    /// The password file is the source of truth: when the cluster disagrees with it, the superuser
    /// is given the file's password through the unix socket, which trusts local connections.
    /// </summary>
    private async Task AlignPasswordAsync(string password, PostgresException rejection, CancellationToken cancellationToken)
    {
        if (_socketDirectory is null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL in {DataDirectory} rejected the password in {PasswordPath}, and without a unix socket it cannot be reset. " +
                "Delete the data directory to start over.",
                rejection);
        }

        _logger.LogWarning("PostgreSQL rejected the stored superuser password; resetting it through the local socket");
        var local = new NpgsqlConnectionStringBuilder
        {
            Host = _socketDirectory,
            Port = Port,
            Database = "postgres",
            Username = SuperUser,
            Pooling = false,
        }.ConnectionString;
        await using var connection = new NpgsqlConnection(local);
        await connection.OpenAsync(cancellationToken);

        // Utility statements take no parameters; the literal is quoted by doubling single quotes
        // (standard_conforming_strings is on by default).
        await using var command = new NpgsqlCommand(
            $"ALTER ROLE {SuperUser} PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task StopCoreAsync()
    {
        if (Port != 0 && ConnectionString.Length > 0)
        {
            // Idle pooled connections to a server that is going away would only fail later.
            await using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await StopRunningPostmasterAsync("fast", CancellationToken.None);
        _logger.LogInformation("Stopped embedded PostgreSQL in {DataDirectory}", DataDirectory);
    }

    /// <summary>
    /// Stops the postmaster that holds the data directory, if any. With <paramref name="leftByEarlierRun"/>
    /// it is one left by an earlier run that crashed (this instance has not started yet): it would
    /// keep the cluster locked, so it is stopped at once.
    /// </summary>
    private async Task StopRunningPostmasterAsync(string mode, CancellationToken cancellationToken, bool leftByEarlierRun = false)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        // pg_ctl status: 0 = running, 3 = not running (a pid file left by a crash is harmless: the
        // server discards it at start), 4 = not a data directory.
        var status = await RunPostgresToolAsync("pg_ctl", ["status", "-D", DataDirectory], cancellationToken);
        if (status.ExitCode != 0)
        {
            return;
        }

        if (leftByEarlierRun)
        {
            _logger.LogWarning("A PostgreSQL server from an earlier run still holds {DataDirectory}; stopping it", DataDirectory);
        }

        var stop = await RunPostgresToolAsync(
            "pg_ctl", ["stop", "-D", DataDirectory, "-m", mode, "-w", "-t", Seconds(PgCtlWait)], cancellationToken);
        if (stop.ExitCode == 0)
        {
            return;
        }

        if (mode != "immediate")
        {
            // A fast shutdown waits for a checkpoint; if even that hangs, the data is still safe
            // after an immediate one (crash recovery replays the WAL at the next start).
            _logger.LogWarning("pg_ctl stop -m {Mode} failed in {DataDirectory}; stopping immediately", mode, DataDirectory);
            stop = await RunPostgresToolAsync(
                "pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", Seconds(PgCtlWait)], cancellationToken);
            if (stop.ExitCode == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException(
            $"Could not stop PostgreSQL in {DataDirectory} (pg_ctl exit code {stop.ExitCode}):{Environment.NewLine}{stop.Output}");
    }

    private Task<(int ExitCode, string Output)> RunPostgresToolAsync(
        string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, _runAsServiceUser, cancellationToken);

    private async Task TakeOwnershipAsync(string path, CancellationToken cancellationToken)
    {
        if (!_runAsServiceUser)
        {
            return;
        }

        var chown = await RunAsync("chown", ["-R", ServiceUser + ":", path], asServiceUser: false, cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to the {ServiceUser} user: {chown.Output}");
        }
    }

    private string? ReadPassword()
    {
        if (!File.Exists(PasswordPath))
        {
            return null;
        }

        var password = File.ReadAllText(PasswordPath).Trim();
        return password.Length == 0 ? null : password;
    }

    private long LogLength() => File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;

    /// <summary>The part of the server log written since <paramref name="offset"/>, at most the last 16 KiB.</summary>
    private string ReadLogSince(long offset)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Max(offset, stream.Length - LogExcerptBytes), SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd().Trim();
            return text.Length == 0 ? "(empty)" : text;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return $"(no server log: {error.Message})";
        }
    }

    /// <summary>
    /// Runs a program and returns its exit code with stdout and stderr. As root it runs as the
    /// postgres user when <paramref name="asServiceUser"/> is set.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IReadOnlyList<string> arguments, bool asServiceUser, CancellationToken cancellationToken)
    {
        var startInfo = CreateStartInfo(fileName, arguments, asServiceUser);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}");

        // pg_ctl start -l sends the postmaster's own output to the log file, so these pipes close
        // when pg_ctl exits rather than when the server does.
        var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already exited
            }

            throw;
        }

        var output = ((await standardOutput) + (await standardError)).Trim();
        return (process.ExitCode, output);
    }

    /// <summary>
    /// A start of <paramref name="fileName"/> with stdout and stderr captured; as root with
    /// <paramref name="asServiceUser"/>, wrapped to run as the postgres user.
    /// </summary>
    private static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments, bool asServiceUser)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The postgres user may not be able to enter our working directory (/root, say), and
            // initdb and pg_ctl complain when they cannot.
            WorkingDirectory = "/",
        };
        if (asServiceUser)
        {
            if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
            {
                startInfo.FileName = "runuser";
                foreach (var argument in new[] { "-u", ServiceUser, "--" })
                {
                    startInfo.ArgumentList.Add(argument);
                }
            }
            else
            {
                startInfo.FileName = "setpriv";
                foreach (var argument in new[] { "--reuid=" + ServiceUser, "--regid=" + ServiceUser, "--init-groups", "--" })
                {
                    startInfo.ArgumentList.Add(argument);
                }
            }

            startInfo.ArgumentList.Add(fileName);
        }
        else
        {
            startInfo.FileName = fileName;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // PGDATA, PGPORT and friends in the caller's environment must not redirect the tools.
        foreach (var name in startInfo.Environment.Keys.Where(name => name.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        return startInfo;
    }

    /// <summary>
    /// As root, returns a directory for the cluster that the postgres user can reach: the one
    /// asked for when every parent is traversable by it, else a stable relocation under /tmp (a
    /// home directory such as /root is typically 0700).
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static async Task<string> ReachableByServiceUserAsync(string requested, ILogger logger, CancellationToken cancellationToken)
    {
        var user = await RunAsync("id", ["-u", ServiceUser], asServiceUser: false, cancellationToken);
        if (user.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"This process runs as root, PostgreSQL refuses to, and there is no '{ServiceUser}' user to run it as. " +
                $"Installing the server creates that user: {InstallCommand}");
        }

        var parent = Path.GetDirectoryName(requested) ?? "/";
        Directory.CreateDirectory(parent);
        if (await CanTraverseAsync(parent, cancellationToken))
        {
            return requested;
        }

        var relocated = RelocationOf(requested);
        logger.LogWarning(
            "The {User} user cannot reach {Parent} (a parent directory is not traversable by it), so the PostgreSQL data directory for {Requested} is {Relocated}",
            ServiceUser, parent, requested, relocated);

        // /tmp is shared with every user: the relocation root must be ours and not a link someone
        // planted, or they could swap the cluster's files.
        Directory.CreateDirectory(
            RelocationRoot,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var owner = await RunAsync("stat", ["-c", "%u", RelocationRoot], asServiceUser: false, cancellationToken);
        if (new DirectoryInfo(RelocationRoot).LinkTarget is not null || owner.Output != "0")
        {
            throw new InvalidOperationException($"{RelocationRoot} is a link or is not owned by root; refusing to keep a cluster there.");
        }

        if (!await CanTraverseAsync(RelocationRoot, cancellationToken))
        {
            throw new InvalidOperationException(
                $"The {ServiceUser} user can reach neither {parent} nor {RelocationRoot}; choose a data directory it can reach.");
        }

        return relocated;
    }

    private static async Task<bool> CanTraverseAsync(string directory, CancellationToken cancellationToken)
    {
        // access(X_OK) as that user checks search permission on the directory and every parent.
        var test = await RunAsync("test", ["-x", directory], asServiceUser: true, cancellationToken);
        return test.ExitCode == 0;
    }

    /// <summary>Stable per requested path, so a restart finds the same relocated cluster.</summary>
    private static string RelocationOf(string requested)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requested)))[..16];
        return Path.Combine(RelocationRoot, hash);
    }

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        // Environment.UserName can disagree with the effective uid (an unnamed uid in a container,
        // or a set-uid launcher); /proc/self/status has the real, effective, saved and fs uids.
        try
        {
            var uidLine = File.ReadLines("/proc/self/status").FirstOrDefault(line => line.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = uidLine?.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 2 } && fields[2] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>
    /// pg_ctl starts the server through /bin/sh with the data directory inside double quotes, so
    /// a path with characters the shell expands there would break (or inject into) that command.
    /// </summary>
    private static void RejectShellMetacharacters(string path)
    {
        if (path.IndexOfAny(['"', '$', '`', '\\', '\n', '\r']) >= 0)
        {
            throw new ArgumentException($"The data directory path must not contain \", $, `, \\ or line breaks: {path}", nameof(path));
        }
    }

    private static string? BinDirectoryForCluster(string dataDirectory)
    {
        var versionFile = Path.Combine(dataDirectory, "PG_VERSION");
        if (!File.Exists(versionFile))
        {
            return null;
        }

        var bin = Path.Combine("/usr/lib/postgresql", File.ReadAllText(versionFile).Trim(), "bin");
        return HasServerBinaries(bin) ? bin : null;
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(10_000) && process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not on PATH
        }
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) &&
        File.Exists(Path.Combine(directory, "pg_ctl")) &&
        File.Exists(Path.Combine(directory, "postgres"));

    private static decimal? ParseMajorVersion(string name) =>
        decimal.TryParse(name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 32);

    /// <summary>Created 0600 from the start, so the secret is never readable by others, even briefly.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void WriteSecretFile(string path, string secret)
    {
        File.Delete(path);
        using var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(secret);
    }

    private static string Seconds(TimeSpan span) => ((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
