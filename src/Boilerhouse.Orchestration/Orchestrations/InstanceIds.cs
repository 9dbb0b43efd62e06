using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Orchestration instance ids: generated, chosen by the client, or derived from an Idempotency-Key.</summary>
public static partial class InstanceIds
{
    public const string Rule = "1-100 characters: letters, digits, '-', '_' and '.', starting with a letter or digit";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Time-ordered, so listings sort naturally.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");

    /// <summary>The same key from the same tenant for the same operation always names the same instance.</summary>
    public static string FromIdempotencyKey(string tenantId, string orchestration, string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{orchestration}\n{key}")))[..32];
}
