using System.Security.Cryptography;
using System.Text;

namespace OrleansSync.Grains.Finance.Spreadsheet;

/// <summary>
/// A protection password as Excel stores it (ECMA-376 agile hashing): SHA-512 of salt and UTF-16LE
/// password, then re-hashed with the iteration number <see cref="SpinCount"/> times. Only the hash and
/// salt are kept; the password itself is never held beyond construction, never logged.
/// </summary>
internal sealed class SheetPassword
{
    public const string Algorithm = "SHA-512";

    /// <summary>Excel's own default: slow enough to make guessing the password from the file costly.</summary>
    public const uint SpinCount = 100_000;

    private SheetPassword(string hash, string salt)
    {
        Hash = hash;
        Salt = salt;
    }

    public string Hash { get; }

    public string Salt { get; }

    public static SheetPassword Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new SheetPassword(Convert.ToBase64String(ComputeHash(password, salt, SpinCount)), Convert.ToBase64String(salt));
    }

    /// <summary>True when <paramref name="password"/> unprotects a sheet stored with this hash and salt (what Excel checks).</summary>
    public static bool Matches(string password, string hashBase64, string saltBase64, uint spinCount) =>
        CryptographicOperations.FixedTimeEquals(ComputeHash(password, Convert.FromBase64String(saltBase64), spinCount), Convert.FromBase64String(hashBase64));

    private static byte[] ComputeHash(string password, byte[] salt, uint spinCount)
    {
        var hash = SHA512.HashData([.. salt, .. Encoding.Unicode.GetBytes(password)]);
        var buffer = new byte[hash.Length + 4];
        for (uint i = 0; i < spinCount; i++)
        {
            hash.CopyTo(buffer, 0);
            BitConverter.TryWriteBytes(buffer.AsSpan(hash.Length), i);
            hash = SHA512.HashData(buffer);
        }

        return hash;
    }
}
