using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansSync.Api.Security;

/// <summary>
/// The newcomer's way in: when the key was generated (no Api:Jwt:SigningKey, the default run),
/// writes a fresh admin token to {Silo:DataDirectory}/dev-token (0600) at start-up and logs where
/// it is and how to use it. The token itself is not logged: log files travel further than .data.
/// </summary>
internal sealed class DevTokenWriter(ApiSigningKey key, TimeProvider time, ILogger<DevTokenWriter> logger) : IHostedService
{
    /// <summary>Long enough that a newcomer's copied token keeps working for a month of restarts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    public const string Subject = "dev-admin";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (key.Source != ApiSigningKeySource.Generated || key.DevTokenFile is null)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        var token = DevTokens.Create(key, Subject, [ApiRoles.Admin], now, Lifetime);
        Write(key.DevTokenFile, token);
        logger.LogWarning(
            "No {ConfigurationKey} is configured, so bearer tokens are signed with the key generated in {KeyFile}. Configure a key of at least {MinimumBytes} bytes in production.",
            ApiSigningKey.ConfigurationKey, key.KeyFile, ApiSigningKey.MinimumBytes);
        logger.LogInformation(
            "An admin token valid until {Expires} is in {TokenFile}. Use it as: curl -H \"Authorization: Bearer $(cat {TokenFile})\" ... ; mint others with: dotnet run --project src/Silo -- token --role reader --subject alice --days 7",
            (now + Lifetime).ToString("u", CultureInfo.InvariantCulture), key.DevTokenFile, key.DevTokenFile);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Write(string path, string token)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(token);
            writer.Write('\n');
        }

        // UnixCreateMode applies only to a new file; an older one keeps whatever mode it had.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
