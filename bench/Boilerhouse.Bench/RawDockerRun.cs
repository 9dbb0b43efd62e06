using System.Diagnostics;
using System.Globalization;

namespace Boilerhouse.Bench;

/// <summary>
/// The warm-up baseline: what the Docker engine alone takes to run N containers like the bench's web
/// workload (same image, command, health check, limits, hardening, volumes, published port and an ICC-off
/// bridge) with `docker run`, N at a time, until every one is healthy. Nothing of Boilerhouse is involved.
/// </summary>
public static class RawDockerRun
{
    private const string Prefix = "bench-raw-";

    public static async Task<TimeSpan> TimeUntilHealthyAsync(int count, int parallel)
    {
        var run = Prefix + Guid.NewGuid().ToString("N")[..6];
        await DockerAsync($"network create -o com.docker.network.bridge.enable_icc=false {run}");
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var slots = new SemaphoreSlim(parallel);
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await slots.WaitAsync();
                try
                {
                    await DockerAsync(RunArguments(run, i));
                }
                finally
                {
                    slots.Release();
                }
            }));
            while (await HealthyAsync(run) < count)
            {
                await Task.Delay(50);
            }

            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            await DockerAsync($"rm -f -v {string.Join(' ', Enumerable.Range(0, count).Select(i => $"{run}-{i}"))}", check: false);
            await DockerAsync($"network rm {run}", check: false);
            var volumes = await DockerAsync($"volume ls -q --filter name={run}-", check: false);
            await DockerAsync($"volume rm {volumes.ReplaceLineEndings(" ")}", check: false);
        }
    }

    private static string RunArguments(string run, int i) =>
        $"run -d --name {run}-{i.ToString(CultureInfo.InvariantCulture)} --network {run} --read-only --cap-drop ALL --security-opt no-new-privileges --user 65534:65534 " +
        $"--memory 32m --cpus 0.25 --pids-limit 256 -p 127.0.0.1::8080 " +
        $"--mount type=volume,src={run}-{i.ToString(CultureInfo.InvariantCulture)}-state,dst=/state " +
        $"--mount type=volume,src={run}-{i.ToString(CultureInfo.InvariantCulture)}-secrets,dst=/secrets,readonly " +
        $"--mount type=volume,src={run}-{i.ToString(CultureInfo.InvariantCulture)}-config,dst=/config " +
        "--health-cmd \"wget -q -O /dev/null http://127.0.0.1:8080/\" --health-interval 1s --health-retries 3 " +
        "boilerhouse/busybox:local httpd -f -p 8080 -h /www";

    private static async Task<int> HealthyAsync(string run)
    {
        var output = await DockerAsync($"ps -q --filter name={run}- --filter health=healthy");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static async Task<string> DockerAsync(string arguments, bool check = true)
    {
        var info = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker {arguments.Split(' ')[0]} failed: {await error}");
        }

        return await output;
    }
}
