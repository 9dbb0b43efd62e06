namespace Boilerhouse.Orchestration.Activities;

/// <summary>The numeric uid/gid of a compose `user` value, to own files written into a container.</summary>
public static class ContainerUser
{
    /// <summary>"1000:1000" or "1000"; a user name (unknown uid) maps to root, files then stay root-owned.</summary>
    public static (int Uid, int Gid) Parse(string user)
    {
        var parts = user.Split(':', 2);
        if (!int.TryParse(parts[0], out var uid))
        {
            return (0, 0);
        }

        var gid = parts.Length == 2 && int.TryParse(parts[1], out var g) ? g : uid;
        return (uid, gid);
    }
}
