using System.Globalization;

namespace Boilerhouse.Core.Workloads;

/// <summary>
/// A compose <c>user</c> value (<c>uid</c>, <c>uid:gid</c>, or names the image resolves): the ids files
/// written into the container are owned by, and whether it runs as someone other than root.
/// </summary>
public static class ContainerUser
{
    /// <summary>"1000:1000" or "1000"; a user name (unknown uid) maps to root, files then stay root-owned.</summary>
    public static (int Uid, int Gid) Parse(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parts = user.Split(':', 2);
        if (!TryId(parts[0], out var uid))
        {
            return (0, 0);
        }

        var gid = parts.Length == 2 && TryId(parts[1], out var g) ? g : uid;
        return (uid, gid);
    }

    /// <summary>
    /// True for numeric ids with a uid other than 0. A name is never known to be safe: the image's
    /// /etc/passwd decides its uid, and it may well be 0.
    /// </summary>
    public static bool IsNumericNonRoot(string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var parts = user.Split(':', 2);
        return TryId(parts[0], out var uid) && uid != 0 && (parts.Length == 1 || TryId(parts[1], out _));
    }

    private static bool TryId(string text, out int id) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
}
