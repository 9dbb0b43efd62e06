namespace Boilerhouse.Cli.Output;

/// <summary>Docker ids as people read them: the first 12 characters, as docker ps shows.</summary>
internal static class ShortId
{
    public static string Of(string? id) => id is { Length: > 12 } ? id[..12] : id ?? "-";
}
