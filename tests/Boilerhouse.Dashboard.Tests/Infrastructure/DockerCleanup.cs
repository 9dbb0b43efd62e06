using System.Diagnostics;

namespace Boilerhouse.Dashboard.Tests.Infrastructure;

/// <summary>Removes what a test host left on the engine: its containers and volumes, found by the installation label.</summary>
public static class DockerCleanup
{
    public static async Task RemoveInstanceAsync(string instanceId)
    {
        var filter = $"label=boilerhouse.instance={instanceId}";
        foreach (var id in await DockerAsync("ps", "-aq", "--filter", filter))
        {
            await DockerAsync("rm", "-f", "-v", id);
        }

        foreach (var volume in await DockerAsync("volume", "ls", "-q", "--filter", filter))
        {
            await DockerAsync("volume", "rm", "-f", volume);
        }
    }

    private static async Task<string[]> DockerAsync(params string[] args)
    {
        var info = new ProcessStartInfo("docker", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
