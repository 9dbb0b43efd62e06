using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// A path inside the state volume as the files API takes it: relative, '/'-separated, no '.', '..' or
/// empty parts, no NUL or backslash. "" is the volume's root; a trailing '/' asks for a folder.
/// </summary>
public sealed record VolumePath(IReadOnlyList<string> Parts, bool AsFolder)
{
    private const int MaxLength = 4096;

    public bool IsRoot => Parts.Count == 0;

    public string Relative => string.Join('/', Parts);

    /// <summary>The path in the container, under the volume mounted at <paramref name="volume"/>.</summary>
    public string In(string volume) => IsRoot ? volume : $"{volume}/{Relative}";

    /// <summary>The paths of the volume's root's child, grandchild, ... down to this path: each is checked before use.</summary>
    public IEnumerable<string> Steps(string volume) =>
        Enumerable.Range(1, Parts.Count).Select(n => $"{volume}/{string.Join('/', Parts.Take(n))}");

    public static VolumePath Parse(string? path)
    {
        path ??= "";
        if (path.Length > MaxLength)
        {
            throw Refused(path, $"it is longer than {MaxLength} characters");
        }

        if (path.StartsWith('/'))
        {
            throw Refused(path, "absolute paths are not taken; paths are relative to the tenant's state volume");
        }

        if (path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw Refused(path, "backslashes and NUL characters are not allowed");
        }

        if (path.Length == 0)
        {
            return new VolumePath([], true);
        }

        var parts = path.TrimEnd('/').Split('/');
        if (parts.Any(p => p is "" or "." or ".."))
        {
            throw Refused(path, "empty, '.' and '..' parts are not allowed: the path must stay inside the state volume");
        }

        return new VolumePath(parts, path.EndsWith('/'));
    }

    public static BoilerhouseException Refused(string path, string why) =>
        new(ErrorCodes.PathRefused, $"Path '{(path.Length > 100 ? path[..100] + "..." : path)}' is refused: {why}.");
}
