using Boilerhouse.Docker;

namespace Boilerhouse.Bench;

/// <summary>
/// State sync (issue 6): 10 MB of tenant state (100 files of 10 KB and one of 9 MB) restored on
/// claim, saved on release, and an incremental sync after one small change, over a real S3 server;
/// the same data moved by rclone to the same server is the baseline, measured in the same run (one
/// rclone sample after each of ours).
/// </summary>
public sealed class SyncScenarios(BenchOptions options, Results results)
{
    private const string MakeState =
        "mkdir -p /state/small && for i in $(seq 1 100); do dd if=/dev/urandom of=/state/small/f$i.bin bs=10k count=1 2>/dev/null; done"
        + " && dd if=/dev/urandom of=/state/big.bin bs=1M count=9 2>/dev/null";

    private const string ChangeOne = "dd if=/dev/urandom of=/state/small/f7.bin bs=10k count=1 2>/dev/null";

    public async Task RunAsync()
    {
        var endpoint = SinkFacts.S3Endpoint(options);
        var bucket = $"bench-{Guid.NewGuid():N}"[..18];
        var rclone = new Rclone(endpoint);
        await rclone.RunAsync("mkdir", $"{Rclone.Remote}:{bucket}");
        await using var host = await BenchHost.StartAsync(options,
            new Dictionary<string, string> { ["synced"] = BenchWorkloads.Synced("synced", 2, 4, endpoint, bucket) },
            environment: new Dictionary<string, string>
            {
                ["BOILERHOUSE_S3_ACCESS_KEY_ID"] = "S3RVER",
                ["BOILERHOUSE_S3_SECRET_ACCESS_KEY"] = "S3RVER",
            });
        using var docker = new DockerContainerRuntime(new DockerEndpoint());

        var (uploads, releases, restores, claims, incrementals, syncs) = (new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (rcloneUps, rcloneDowns, rcloneIncrementals) = (new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < options.SyncSamples; i++)
        {
            var tenant = $"sync-{i}";
            await host.Api.WaitQuietAsync("synced", 2, TimeSpan.FromMinutes(5));
            var first = await host.Api.ClaimAsync(tenant, "synced", BenchApi.NoProvisioning);
            await ExecAsync(docker, first.ContainerId, MakeState);
            var release = await host.Api.ReleaseAsync(tenant);
            releases.Add(release.Ms);
            uploads.Add(await host.Api.StepMsAsync(release.InstanceId, "SaveState"));

            await host.Api.WaitQuietAsync("synced", 2, TimeSpan.FromMinutes(5));
            var second = await host.Api.ClaimAsync(tenant, "synced", BenchApi.NoProvisioning);
            claims.Add(second.Ms);
            restores.Add(await host.Api.StepMsAsync(second.InstanceId, "RestoreState"));

            await ExecAsync(docker, second.ContainerId, ChangeOne);
            var sync = await host.Api.SyncAsync(tenant, "upload");
            incrementals.Add(sync.Ms);
            syncs.Add(await host.Api.StepMsAsync(sync.InstanceId, "Sync"));
            await host.Api.ReleaseAsync(tenant);

            // The baseline sample right after ours: on a shared machine the load drifts within a run.
            await RcloneSampleAsync(rclone, $"{Rclone.Remote}:{bucket}/rclone-{i}", rcloneUps, rcloneDowns, rcloneIncrementals);
        }

        var (rcloneUp, rcloneDown, rcloneIncremental) = (Stats.Of(rcloneUps), Stats.Of(rcloneDowns), Stats.Of(rcloneIncrementals));

        var claim = Stats.Of(claims);
        var upload = Stats.Of(uploads);
        var restore = Stats.Of(restores);
        var incremental = Stats.Of(incrementals);
        results.Add(new("7. sync", "claim with 10 MB restored from S3 (end to end)", $"{claim}", "p50 < 400 ms", claim.Median < 400, Over(claim.Median, 400)));
        results.Add(new("7. sync", "restore step alone", $"{restore}", "", null));
        results.Add(new("7. sync", "upload of 10 MB on release (SaveState step)", $"{upload}", "p50 < 400 ms", upload.Median < 400, Over(upload.Median, 400)));
        results.Add(new("7. sync", "release with upload (end to end)", $"{Stats.Of(releases)}", "", null));
        results.Add(new("7. sync", "incremental sync, one 10 KB file changed (end to end)", $"{incremental}", "p50 < 100 ms", incremental.Median < 100, Over(incremental.Median, 100)));
        results.Add(new("7. sync", "incremental sync step alone", $"{Stats.Of(syncs)}", "", null));
        results.Add(new("7. sync", "rclone baseline: copy up / copy down / sync one change", $"{rcloneUp.Median:0.0} / {rcloneDown.Median:0.0} / {rcloneIncremental.Median:0.0} ms (median)", "", null));
        AddRatio("upload", upload.Median, rcloneUp.Median);
        AddRatio("restore", restore.Median, rcloneDown.Median);
        AddRatio("incremental", Stats.Of(syncs).Median, rcloneIncremental.Median);
    }

    private void AddRatio(string what, double ours, double theirs) =>
        results.Add(new("7. sync", $"ours / rclone, {what}", $"{ours / theirs:0.00}", "<= 1.00", ours <= theirs));

    /// <summary>One sample of the same data moved by rclone between a local folder and the same S3 server.</summary>
    private static async Task RcloneSampleAsync(Rclone rclone, string remote, List<double> up, List<double> down, List<double> incremental)
    {
        var source = Directory.CreateTempSubdirectory("bench-rclone-src-").FullName;
        var target = Directory.CreateTempSubdirectory("bench-rclone-dst-").FullName;
        try
        {
            WriteState(source);
            up.Add(await rclone.RunAsync("copy", source, remote));
            down.Add(await rclone.RunAsync("copy", remote, target));
            await File.WriteAllBytesAsync(Path.Combine(source, "small", "f7.bin"), RandomBytes(10 * 1024));
            incremental.Add(await rclone.RunAsync("sync", source, remote));
        }
        finally
        {
            Directory.Delete(source, recursive: true);
            Directory.Delete(target, recursive: true);
        }
    }

    private static void WriteState(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "small"));
        for (var i = 1; i <= 100; i++)
        {
            File.WriteAllBytes(Path.Combine(root, "small", $"f{i}.bin"), RandomBytes(10 * 1024));
        }

        File.WriteAllBytes(Path.Combine(root, "big.bin"), RandomBytes(9 * 1024 * 1024));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task ExecAsync(DockerContainerRuntime docker, string containerId, string script)
    {
        var result = await docker.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed in {containerId}: {result.Stderr}");
        }
    }

    private static string Over(double measured, double goal) =>
        measured <= goal ? "" : $"(over by {measured - goal:0.0} ms, {measured / goal:0.0}x)";
}
