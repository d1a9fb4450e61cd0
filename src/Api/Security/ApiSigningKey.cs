using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace OrleansSync.Api.Security;

/// <summary>
/// The HS256 key bearer tokens are signed with. Configured as <c>Api:Jwt:SigningKey</c> (its UTF-8
/// bytes, at least 32). Without one, the default run generates a key once and keeps it in
/// <c>{Silo:DataDirectory}/jwt-signing-key</c> (0600), so tokens survive restarts and the
/// <c>token</c> command signs with the same key; the Testing environment uses a random in-memory key.
/// The key itself is never logged or returned.
/// </summary>
public sealed class ApiSigningKey
{
    public const string ConfigurationKey = "Api:Jwt:SigningKey";

    /// <summary>HS256 needs a key at least as long as its 256-bit output to be full strength.</summary>
    public const int MinimumBytes = 32;

    public const string KeyFileName = "jwt-signing-key";

    public const string DevTokenFileName = "dev-token";

    /// <summary>Read when no key is configured, so that the key lives with the rest of the run's data.</summary>
    public const string DataDirectoryKey = "Silo:DataDirectory";

    public const string DataDirectoryDefault = ".data";

    // 48 random bytes are 64 characters of base64url: comfortably above the minimum, and printable.
    private const int GeneratedKeyBytes = 48;
    private const int ReadAttempts = 5;

    private readonly byte[] _key;

    private ApiSigningKey(byte[] key, ApiSigningKeySource source, string? dataDirectory)
    {
        _key = key;
        Source = source;
        SecurityKey = new SymmetricSecurityKey(key);
        if (dataDirectory is not null)
        {
            KeyFile = Path.Combine(dataDirectory, KeyFileName);
            DevTokenFile = Path.Combine(dataDirectory, DevTokenFileName);
        }
    }

    public ApiSigningKeySource Source { get; }

    /// <summary>The file the generated key is kept in; null unless <see cref="Source"/> is Generated.</summary>
    public string? KeyFile { get; }

    /// <summary>Where the default run writes its ready-made admin token; null unless <see cref="Source"/> is Generated.</summary>
    public string? DevTokenFile { get; }

    internal SymmetricSecurityKey SecurityKey { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>A key from its configured text (UTF-8); refuses one shorter than <see cref="MinimumBytes"/>.</summary>
    public static ApiSigningKey FromText(string signingKey, ApiSigningKeySource source = ApiSigningKeySource.Configured) =>
        new(Validated(signingKey, ConfigurationKey), source, null);

    /// <summary>The configured key, else (Testing) a random one, else the default run's generated key, creating it on first use.</summary>
    public static ApiSigningKey Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return FromText(configured);
        }

        if (environment.IsEnvironment("Testing"))
        {
            return new ApiSigningKey(Encoding.UTF8.GetBytes(NewKeyText()), ApiSigningKeySource.Ephemeral, null);
        }

        var directory = Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } configuredDirectory ? configuredDirectory : DataDirectoryDefault);
        return new ApiSigningKey(LoadOrCreate(Path.Combine(directory, KeyFileName)), ApiSigningKeySource.Generated, directory);
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                var text = NewKeyText();
                using (var stream = new FileStream(path, options))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                {
                    writer.Write(text);
                }

                return Encoding.UTF8.GetBytes(text);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the silo and a `token` command started together) created it first: use theirs.
            }
        }

        // A concurrent creator may not have written its key yet; a short wait covers that.
        for (var attempt = 1; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (Encoding.UTF8.GetByteCount(text) >= MinimumBytes || attempt == ReadAttempts)
            {
                return Validated(text, path);
            }

            Thread.Sleep(TimeSpan.FromMilliseconds(100));
        }
    }

    private static byte[] Validated(string text, string origin)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length >= MinimumBytes
            ? bytes
            : throw new InvalidOperationException(
                $"The JWT signing key from {origin} is {bytes.Length} bytes; HS256 needs at least {MinimumBytes}. " +
                "Generate one with: openssl rand -base64 48");
    }

    private static string NewKeyText() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(GeneratedKeyBytes));
}
