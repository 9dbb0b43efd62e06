namespace Boilerhouse.Docker.Runtime;

/// <summary>Docker's container ids as people read them, and telling an id from a name.</summary>
internal static class ContainerIds
{
    public static string Short(string id) => id.Length > 12 ? id[..12] : id;

    public static bool LooksLikeId(string value) =>
        value.Length >= 12 && value.All(char.IsAsciiHexDigitLower);
}
