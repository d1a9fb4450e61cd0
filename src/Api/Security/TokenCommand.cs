using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OrleansSync.Api.Security;

/// <summary>
/// <c>./run.sh token --role reader --subject alice --days 7</c> (the silo host with "token" first): prints a
/// bearer token signed with the key the silo uses (Api:Jwt:SigningKey, or the default run's
/// generated key), and nothing else on stdout, so <c>TOKEN=$(... token ...)</c> works.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public const int DefaultDays = 7;

    /// <summary>A year: tokens cannot be revoked individually (only by changing the key), so they should not live for ever.</summary>
    public const int MaxDays = 365;

    private const string Usage = "Usage: token [--role reader|operator|admin|incentive-levels-rw] [--subject NAME] [--days 1-365] [--Section:Key value ...]   (defaults: reader, cli, 7)";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    /// <summary>Runs the command; returns the process exit code (0 success, 2 usage error).</summary>
    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment, TextWriter output, TextWriter error)
    {
        string role = ApiRoles.Reader, subject = "cli";
        var days = DefaultDays;
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is ApiRoles.Reader or ApiRoles.Operator or ApiRoles.Admin or ApiRoles.IncentiveLevelsRw:
                    role = value;
                    break;
                case "--subject" when !string.IsNullOrWhiteSpace(value) && !value.StartsWith("--", StringComparison.Ordinal):
                    subject = value;
                    break;
                case "--days" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= MaxDays:
                    days = parsed;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && (setting.Contains(':', StringComparison.Ordinal) || setting is "--environment"):
                    // Configuration for the host (--Silo:DataDirectory x, --Api:Jwt:SigningKey=...), read by the builder.
                    if (setting.Contains('=', StringComparison.Ordinal))
                    {
                        continue;
                    }

                    break;
                case "--help" or "-h":
                    output.WriteLine(Usage);
                    return 0;
                default:
                    // The value is not echoed: a mistyped option may carry a secret.
                    error.WriteLine($"Invalid or incomplete option '{args[i]}'.");
                    error.WriteLine(Usage);
                    return 2;
            }

            i++;
        }

        ApiSigningKey key;
        try
        {
            key = ApiSigningKey.Resolve(configuration, environment);
        }
        catch (InvalidOperationException problem)
        {
            error.WriteLine(problem.Message);
            return 1;
        }

        var now = DateTimeOffset.UtcNow;
        output.WriteLine(DevTokens.Create(key, subject, [role], now, TimeSpan.FromDays(days)));
        error.WriteLine($"Token for '{subject}' with role '{role}', valid until {now.AddDays(days):u}, signed with the key from {Describe(key)}.");
        return 0;
    }

    private static string Describe(ApiSigningKey key) => key.Source switch
    {
        ApiSigningKeySource.Configured => ApiSigningKey.ConfigurationKey,
        ApiSigningKeySource.Generated => key.KeyFile!,
        _ => "this process only (Testing environment): no server will accept it",
    };
}
