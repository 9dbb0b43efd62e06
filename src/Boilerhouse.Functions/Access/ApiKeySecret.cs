using System.Security.Cryptography;
using System.Text;

namespace Boilerhouse.Functions.Access;

/// <summary>API key secrets: "bhk_" + 32 random bytes in base64url; only their SHA-256 is ever stored.</summary>
public static class ApiKeySecret
{
    public const string Prefix = "bhk_";
    private const int RandomBytes = 32;
    /// <summary>"bhk_" + 43 base64url characters.</summary>
    public const int Length = 47;

    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));

    public static bool HasShape(string key) =>
        key.Length == Length && key.StartsWith(Prefix, StringComparison.Ordinal)
        && key.AsSpan(Prefix.Length).ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") is false;

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HashHex(string key) => Convert.ToHexStringLower(Hash(key));

    /// <summary>Enough of the key to tell keys apart in a list, far too little to guess the rest.</summary>
    public static string Display(string key) => key[..(Prefix.Length + 4)] + "...";

    /// <summary>Compares two hashes in time independent of where they differ.</summary>
    public static bool SameHash(byte[] a, byte[] b) => CryptographicOperations.FixedTimeEquals(a, b);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
