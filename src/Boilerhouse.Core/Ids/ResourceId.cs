using System.Text.RegularExpressions;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Core.Ids;

/// <summary>
/// Tenant, pool and workload ids: lower-case, safe in Docker names, labels, file names and storage
/// prefixes (no '/', no leading '.', so no id can climb out of a prefix).
/// </summary>
public static partial class ResourceId
{
    public const string Rule = "1-63 characters: lower-case letters, digits, '-', '_' and '.', starting with a letter or digit";

    [GeneratedRegex(@"^[a-z0-9][a-z0-9_.-]{0,62}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>Throws INVALID_ID naming the kind of id when it breaks the rule.</summary>
    public static string Require(string? id, string kind) =>
        IsValid(id) ? id! : throw new BoilerhouseException(ErrorCodes.InvalidId, $"Invalid {kind} id '{Shorten(id)}': {Rule}.");

    private static string Shorten(string? id) => id is null ? "" : id.Length > 80 ? id[..80] + "..." : id;
}
