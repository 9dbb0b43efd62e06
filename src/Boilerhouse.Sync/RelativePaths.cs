namespace Boilerhouse.Sync;

/// <summary>
/// Relative file paths as they come from a container's tar or a sink listing. Anything that could
/// climb out of its folder ('..', absolute, backslashes, control characters) is refused, whatever
/// put it there.
/// </summary>
public static class RelativePaths
{
    public static bool IsSafe(string path) =>
        path.Length > 0
        && path[0] != '/'
        && !path.Any(c => c == '\\' || char.IsControl(c))
        && path.Split('/').All(s => s is not ("" or "." or ".."));

    /// <summary>The path of <paramref name="path"/> below <paramref name="root"/> ("" when equal); both absolute.</summary>
    public static string Below(string root, string path)
    {
        var r = root.TrimEnd('/');
        return path == r || path == root ? "" : path[(r.Length + 1)..];
    }
}
