namespace Boilerhouse.Core.Tests.Workloads;

/// <summary>Finds the repository root from the test binaries, so tests can read config/workloads.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string WorkloadsDirectory => System.IO.Path.Combine(Path, "config", "workloads");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Boilerhouse.Functions.sln not found above {AppContext.BaseDirectory}");
    }
}
