namespace Boilerhouse.Functions.Settings;

/// <summary>The folder holding host.json (BOILERHOUSE_ROOT, else the nearest one above the working directory).</summary>
public static class HostRoot
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("BOILERHOUSE_ROOT") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "host.json")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
