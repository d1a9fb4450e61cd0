using OrleansSync.Testing;

namespace OrleansSync.Bench;

/// <summary>
/// The product's silo host (src/Silo, Release build) as a real process on the benchmark's database,
/// with the simulators co-hosted and a signing key the benchmark knows, so it can call the API as
/// an operator would. Disposing kills it.
/// </summary>
public sealed class ProductSiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ProductSiloProcess(Process process, string address, string signingKey)
    {
        _process = process;
        Address = address;
        SigningKey = signingKey;
    }

    public string Address { get; }

    public string SigningKey { get; }

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Output => [.. _output];

    public static async Task<ProductSiloProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> settings, TimeSpan deadline)
    {
        var root = RepositoryRoot.Find() ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
        var silo = Path.Combine(root, "src", "Silo");
        var dll = Path.Combine(silo, "bin", "Release", "net10.0", "OrleansSync.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The silo is built with the bench (dotnet run -c Release --project bench); build it with dotnet build -c Release src/Silo", dll);
        }

        var address = $"http://127.0.0.1:{Ports.Free()}";
        var signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = silo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ConnectionStrings__OrleansSync"] = connectionString;
        start.Environment["Urls"] = address;
        start.Environment["Silo__Address"] = address;
        start.Environment["Silo__Simulators"] = "true";
        start.Environment["Orleans__SiloPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Orleans__GatewayPort"] = Ports.Free().ToString(CultureInfo.InvariantCulture);
        start.Environment["Api__Jwt__SigningKey"] = signingKey;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start };
        var host = new ProductSiloProcess(process, address, signingKey);
        process.OutputDataReceived += (_, line) => host.Record(line.Data);
        process.ErrorDataReceived += (_, line) => host.Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = new Uri(address) };
        await Eventually.TrueAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException("the silo exited: " + string.Join(Environment.NewLine, host.Output.TakeLast(30)));
                }

                try
                {
                    return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            deadline,
            "the silo ready");
        return host;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
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
