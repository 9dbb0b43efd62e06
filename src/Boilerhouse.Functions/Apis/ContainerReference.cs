using System.Text.RegularExpressions;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>A container as the API names it: its Docker id (full or short) or its name.</summary>
public static partial class ContainerReference
{
    private const string Rule = "a Docker container id or name: 1-128 letters, digits, '_', '.' and '-', starting with a letter or digit";

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Throws INVALID_ID when the value cannot name a container.</summary>
    public static string Require(string? value) =>
        value is not null && Pattern().IsMatch(value)
            ? value
            : throw new BoilerhouseException(ErrorCodes.InvalidId, $"Invalid container id '{(value is { Length: > 80 } ? value[..80] + "..." : value)}': {Rule}.");
}
