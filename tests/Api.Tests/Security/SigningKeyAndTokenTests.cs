using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansSync.Api.Ingestion;

namespace OrleansSync.Api.Tests.Security;

/// <summary>Where the signing key comes from, the default run's dev token, and the token command. No host needed.</summary>
public sealed class SigningKeyAndTokenTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "orleanssync-api-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Without_a_configured_key_the_default_run_generates_one_once_in_a_0600_file_and_reuses_it()
    {
        var first = ApiSigningKey.Resolve(Configuration(), Environment("Production"));
        var second = ApiSigningKey.Resolve(Configuration(), Environment("Production"));

        first.Source.Should().Be(ApiSigningKeySource.Generated);
        first.KeyFile.Should().Be(Path.Combine(_dataDirectory, "jwt-signing-key"));
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(first.KeyFile!).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        second.Bytes.ToArray().Should().Equal(first.Bytes.ToArray(), "a restart keeps the key, so issued tokens stay valid");
        first.Bytes.Length.Should().BeGreaterThanOrEqualTo(ApiSigningKey.MinimumBytes);
    }

    [Fact]
    public void A_configured_key_wins_and_one_that_is_too_short_is_refused_without_being_echoed()
    {
        const string key = "a-configured-signing-key-of-enough-bytes-0123456789";
        ApiSigningKey.Resolve(Configuration(key), Environment("Production")).Source.Should().Be(ApiSigningKeySource.Configured);
        Directory.Exists(_dataDirectory).Should().BeFalse("nothing is generated when a key is configured");

        var refuse = () => ApiSigningKey.Resolve(Configuration("short-secret-value"), Environment("Production"));
        refuse.Should().Throw<InvalidOperationException>().Which.Message.Should().Contain("32").And.NotContain("short-secret-value");
    }

    [Fact]
    public void The_Testing_environment_without_a_key_uses_a_random_one_and_writes_nothing()
    {
        var key = ApiSigningKey.Resolve(Configuration(), Environment("Testing"));
        key.Source.Should().Be(ApiSigningKeySource.Ephemeral);
        Directory.Exists(_dataDirectory).Should().BeFalse();
    }

    [Fact]
    public async Task The_default_run_writes_a_30_day_admin_token_to_dev_token_readable_only_by_its_owner()
    {
        var key = ApiSigningKey.Resolve(Configuration(), Environment("Production"));
        var writer = new DevTokenWriter(key, TimeProvider.System, NullLogger<DevTokenWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);

        var path = Path.Combine(_dataDirectory, "dev-token");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var token = await ValidateAsync(File.ReadAllText(path).Trim(), key);
        token.GetClaim("role").Value.Should().Be(ApiRoles.Admin);
        token.ValidTo.Should().BeCloseTo(DateTime.UtcNow.AddDays(30), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task The_token_command_prints_only_a_token_signed_with_the_silos_key()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = TokenCommand.Run(["token", "--role", "operator", "--subject", "alice", "--days", "7"], Configuration(), Environment("Production"), output, error);

        exitCode.Should().Be(0, error.ToString());
        var key = ApiSigningKey.Resolve(Configuration(), Environment("Production"));
        var token = await ValidateAsync(output.ToString().Trim(), key);
        token.Subject.Should().Be("alice");
        token.GetClaim("role").Value.Should().Be(ApiRoles.Operator);
        token.ValidTo.Should().BeCloseTo(DateTime.UtcNow.AddDays(7), TimeSpan.FromMinutes(1));
        error.ToString().Should().Contain("alice").And.Contain(key.KeyFile!);
    }

    [Theory]
    [InlineData("--role", "root")]
    [InlineData("--days", "0")]
    [InlineData("--days", "366")]
    [InlineData("--colour", "blue")]
    public void The_token_command_refuses_bad_arguments_with_exit_code_2(string option, string value)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        TokenCommand.Run(["token", option, value], Configuration(), Environment("Production"), output, error).Should().Be(2);
        output.ToString().Should().BeEmpty();
        error.ToString().Should().Contain("Usage");
    }

    [Fact]
    public void TokenCommand_is_requested_only_by_a_leading_token_argument()
    {
        TokenCommand.IsRequested(["token", "--role", "admin"]).Should().BeTrue();
        TokenCommand.IsRequested([]).Should().BeFalse();
        TokenCommand.IsRequested(["--urls", "http://127.0.0.1:5080"]).Should().BeFalse();
    }

    private IConfiguration Configuration(string? signingKey = null) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        [ApiSigningKey.DataDirectoryKey] = _dataDirectory,
        [ApiSigningKey.ConfigurationKey] = signingKey,
    }).Build();

    private static HostingEnvironment Environment(string name) => new() { EnvironmentName = name };

    private static async Task<JsonWebToken> ValidateAsync(string token, ApiSigningKey key)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = DevTokens.Issuer,
            ValidAudience = DevTokens.Audience,
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        });
        result.IsValid.Should().BeTrue(result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
