using System.Collections.Concurrent;
using OrleansSync.Testing;

namespace OrleansSync.Bench;

/// <summary>
/// A real silo process (tests/Postgres.TestSilo, built with the bench) with the stream test grains,
/// started the way tests/Postgres.Tests ProcessFailoverTests starts it (its SiloProcess; this is
/// the bench's compact copy). Disposing kills it if it still runs; it also stops by itself when the
/// bench process is gone.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string name, int siloPort, Process process)
    {
        Name = name;
        SiloPort = siloPort;
        _process = process;
    }

    public string Name { get; }

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The newest built TestSilo under tests/Postgres.TestSilo/bin (the bench project builds it).</summary>
    public static string HostPath =>
        new DirectoryInfo(Path.Combine(BenchDatabase.RepositoryRoot(), "tests", "Postgres.TestSilo", "bin"))
            .EnumerateFiles("OrleansSync.Postgres.TestSilo.dll", SearchOption.AllDirectories)
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .FirstOrDefault()?.FullName
        ?? throw new FileNotFoundException("Build the bench first (dotnet build -c Release bench builds tests/Postgres.TestSilo).");

    public static SiloProcess Start(string name, string connectionString, string clusterId, string membership, IReadOnlyDictionary<string, string> settings)
    {
        int siloPort = Ports.Free(), gatewayPort = Ports.Free();
        while (gatewayPort == siloPort)
        {
            gatewayPort = Ports.Free();
        }

        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { HostPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // The environment, not the command line: connection strings hold ';' and spaces.
        start.Environment["TestSilo__ConnectionString"] = connectionString;
        start.Environment["TestSilo__ClusterId"] = clusterId;
        start.Environment["TestSilo__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["TestSilo__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["TestSilo__Membership"] = membership;
        start.Environment["TestSilo__ParentProcessId"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, siloPort, process);
        process.OutputDataReceived += (_, line) => silo.Record(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the process gets no chance to leave the cluster or to finish anything.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }
}
