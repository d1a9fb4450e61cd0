using System.Runtime.InteropServices;

namespace OrleansSync.Runtime.Tests.Cluster;

/// <summary>
/// A real silo process (tests/TestSiloHost) with the test grains: started with a loopback port on
/// the test database, and stopped the hard way with <see cref="Kill"/> (SIGKILL: no shutdown code runs).
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SiloProcess(Process process) => _process = process;

    public static async Task<SiloProcess> StartAsync(string connectionString, TimeSpan timeout)
    {
        var host = Path.Combine(AppContext.BaseDirectory.Replace("Runtime.Tests", "TestSiloHost", StringComparison.Ordinal), "OrleansSync.TestSiloHost.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException("Build tests/TestSiloHost first (the runtime tests project builds it).", host);
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(host);
        start.ArgumentList.Add(connectionString);
        start.ArgumentList.Add(TestSiloApplication.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => errors.Enqueue(e.Data ?? "");
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The silo process exited early: {string.Join('\n', errors)}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(timeout);
        return new SiloProcess(process);
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            // SIGTERM: a graceful stop, so the next test does not wait for its leases.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
        }

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(exited.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }

        _process.Dispose();
    }
}
