using System.Collections.Concurrent;
using System.Diagnostics;

namespace OrleansSync.Testing;

/// <summary>
/// A real silo process (tests/Postgres.TestSilo) with the stream test grains, for the process
/// failover test and the failover benchmark. Its output is kept for the caller to read. Disposing
/// kills it (and its children) if it still runs, so no silo outlives a failed run; the process
/// also stops by itself when the process that started it is gone.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(string name, int siloPort, int gatewayPort, Process process)
    {
        Name = name;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        _process = process;
    }

    /// <summary>The Orleans service id of every TestSilo (tests/Postgres.TestSilo sets the same).</summary>
    public const string ServiceId = "orleanssync-test";

    public string Name { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Standard output and error so far, one line each, in arrival order.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The newest built TestSilo (tests/Postgres.TestSilo; the test and bench projects that use it build it).</summary>
    public static string HostPath
    {
        get
        {
            var bin = new DirectoryInfo(Path.Combine(RepositoryRoot.Find() ?? throw new DirectoryNotFoundException("Not inside a checkout."), "tests", "Postgres.TestSilo", "bin"));
            return (bin.Exists ? bin.EnumerateFiles("OrleansSync.Postgres.TestSilo.dll", SearchOption.AllDirectories).MaxBy(file => file.LastWriteTimeUtc) : null)?.FullName
                ?? throw new FileNotFoundException("Build tests/Postgres.TestSilo first (tests/Postgres.Tests and bench build it).", bin.FullName);
        }
    }

    /// <summary>
    /// Starts a silo of cluster <paramref name="clusterId"/> on <paramref name="connectionString"/>;
    /// <paramref name="settings"/> are further configuration keys (say, <c>Streams:QueueCount</c>).
    /// </summary>
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
        start.Environment["TestSilo__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TestSilo__GatewayPort"] = gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["TestSilo__Membership"] = membership;
        start.Environment["TestSilo__ParentProcessId"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, siloPort, gatewayPort, process);
        process.OutputDataReceived += (_, line) => silo.Record(line.Data);
        process.ErrorDataReceived += (_, line) => silo.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Writes the last <paramref name="lines"/> lines of output under a heading: what a failed run shows of each silo.</summary>
    public void WriteLastOutput(TextWriter writer, int lines = 30)
    {
        writer.WriteLine($"--- {Name} (exited: {HasExited}) last output:");
        foreach (var line in Output.TakeLast(lines))
        {
            writer.WriteLine("  " + line);
        }
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
