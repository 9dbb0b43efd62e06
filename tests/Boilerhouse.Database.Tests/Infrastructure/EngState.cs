namespace Boilerhouse.Database.Tests.Infrastructure;

/// <summary>The folder where eng/ scripts leave connection details (ENG_STATE, else the repository's .eng-state).</summary>
internal static class EngState
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } state ? state : Path.Combine(RepositoryRoot(), ".eng-state");

    /// <summary>KEY=VALUE lines of an env file written by an eng/ script; fails with the script to run when it is missing.</summary>
    public static IReadOnlyDictionary<string, string> Read(string fileName, string script)
    {
        var path = Path.Combine(Folder, fileName);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run {script} first (with ENG_STATE set as for the other tests).");
        }

        return File.ReadAllLines(path)
            .Where(l => l.Contains('=', StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root above " + AppContext.BaseDirectory);
    }
}
