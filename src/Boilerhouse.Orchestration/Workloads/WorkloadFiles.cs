using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>Reads the workload folder and writes one file atomically (temp file in the same folder, then rename).</summary>
public static class WorkloadFiles
{
    public static bool IsWorkloadFile(string path) => Path.GetExtension(path).ToLowerInvariant() is ".yaml" or ".yml";

    /// <summary>Every workload file's text, in ordinal name order, and the files or folder that could not be read.</summary>
    public static (List<(string File, string Yaml)> Sources, List<WorkloadError> Errors) Read(string directory)
    {
        var fullPath = Path.GetFullPath(directory);
        var sources = new List<(string, string)>();
        var errors = new List<WorkloadError>();
        if (!Directory.Exists(fullPath))
        {
            errors.Add(new WorkloadError(fullPath, null, "", $"workload directory '{fullPath}' does not exist"));
            return (sources, errors);
        }

        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(fullPath).Where(IsWorkloadFile).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add(new WorkloadError(fullPath, null, "", $"cannot list workload directory: {e.Message}"));
            return (sources, errors);
        }

        foreach (var file in files)
        {
            try
            {
                sources.Add((file, File.ReadAllText(file)));
            }
            catch (FileNotFoundException)
            {
                // Removed between listing and reading (an editor's save, a git checkout): the next scan settles it.
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new WorkloadError(file, null, "", $"cannot read file: {e.Message}"));
            }
        }

        return (sources, errors);
    }

    /// <summary>Writes the whole text or nothing: readers (and the watcher) never see half a file.</summary>
    public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(path)!;
        // Not a .yaml name, so a scan never loads the temp file.
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)))
            {
                await writer.WriteAsync(text.AsMemory(), cancellationToken);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
