using Microsoft.Extensions.Configuration;

namespace OrleansSync.Postgres.TestSilo;

/// <summary>
/// What a test silo process is told (configuration section <c>TestSilo</c>: command line
/// <c>--TestSilo:SiloPort=12345</c> or environment <c>TestSilo__SiloPort=12345</c>). Stream
/// settings come the same way under <c>Streams:</c>.
/// </summary>
public sealed class TestSiloSettings
{
    public const string Section = "TestSilo";

    public required string ConnectionString { get; init; }

    public required string ClusterId { get; init; }

    public required int SiloPort { get; init; }

    public required int GatewayPort { get; init; }

    /// <summary><c>fast</c> (the product's <see cref="Providers.FastFailureDetection"/>, the default) or <c>orleans</c> (Orleans' own defaults).</summary>
    public string Membership { get; init; } = FastMembership;

    /// <summary>The process that started this one; the silo stops when it is gone, so a crashed test run leaves no silo behind.</summary>
    public int? ParentProcessId { get; init; }

    public const string FastMembership = "fast";
    public const string OrleansMembership = "orleans";

    public static TestSiloSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        string Required(string key) => section[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Section}:{key} is required (command line --{Section}:{key}=... or environment {Section}__{key}).");
        int Port(string key) => int.TryParse(Required(key), out var port) && port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"{Section}:{key} must be a port number (1-65535).");

        var membership = section[nameof(Membership)] ?? FastMembership;
        if (membership is not (FastMembership or OrleansMembership))
        {
            throw new InvalidOperationException($"{Section}:{nameof(Membership)} must be '{FastMembership}' or '{OrleansMembership}', not '{membership}'.");
        }

        return new TestSiloSettings
        {
            ConnectionString = Required(nameof(ConnectionString)),
            ClusterId = Required(nameof(ClusterId)),
            SiloPort = Port(nameof(SiloPort)),
            GatewayPort = Port(nameof(GatewayPort)),
            Membership = membership,
            ParentProcessId = int.TryParse(section[nameof(ParentProcessId)], out var parent) ? parent : null,
        };
    }
}
