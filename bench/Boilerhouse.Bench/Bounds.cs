namespace Boilerhouse.Bench;

/// <summary>
/// What bounds each figure that can miss its goal, from profiling these scenarios (the step
/// profiles in the table, docker cp timings, dockerd CPU). Printed under the table for the goals
/// a run missed, so a miss always comes with its explanation.
/// </summary>
public static class Bounds
{
    private static readonly Dictionary<string, string> Explanations = new()
    {
        ["1. warm claim"] = """
            **Warm claim with config + secrets.** The step profile shows it: the claim path itself
            (check, take, record) costs under 2 ms; the rest is two writes through Docker's archive API,
            run in parallel. Writing the config file is one `PUT /containers/{id}/archive` into a running
            container, ~40-45 ms on this engine (Docker 20.10 mounts the container's filesystem for every
            copy; a bare `docker cp` of one small file measures 30-40 ms here). The secrets volume is
            read-only inside the container, so Docker refuses archives aimed at it: they go through a
            helper container created (never started) with the same volume writable, which adds its
            creation (~20 ms) to the same archive cost; its removal happens after the claim answers.
            The archive API is the only way that also works for remote Docker hosts. Lower would need
            a writer prepared while the container warms, or files delivered by the container itself.
            """,
        ["4. throughput"] = """
            **Throughput.** Claims are serialized per pool (one grain hands out warm containers, so no
            container is ever handed out twice) and every claim writes ~6 checkpoints to SQLite through
            one writer; on 2 cores the benchmark client, the host and dockerd share the CPU.
            """,
        ["5. warm-up"] = """
            **Warm-up.** Bounded by dockerd and the health checks: every container is a create and a
            start (runc, cgroups, network namespace, veth for the bridge), then waits for its first
            Docker health check, which runs one `interval` (1 s here) after the start; the host itself
            needs ~1.7 s to start. Create slots are released once a container has started, so health
            waits overlap; on 2 cores dockerd and containerd then use most of the CPU.
            """,
        ["6. memory"] = """
            **Memory.** The host keeps one pool member record per container and the runtime's HTTP
            connections; the .NET server GC keeps headroom proportional to the heap.
            """,
        ["7. sync"] = """
            **State sync.** Every byte goes through Docker's archive API as a tar stream (which is what
            makes remote hosts work) and then to the S3 server, where rclone reads and writes local files
            directly. A restore also writes the 10 MB into a running container (one archive PUT, ~80-100 ms
            for 10 MB here) after checking what the container already holds; rclone only writes a folder.
            An incremental sync must read the whole folder out of the container (the archive API has no
            way to list sizes and times without the contents): ~50 ms of the ~100 ms is that 10 MB tar
            stream, although unchanged files are neither hashed nor sent (size and time quick check).
            """,
    };

    /// <summary>The explanations for every scenario with a missed goal.</summary>
    public static string For(IEnumerable<Result> rows)
    {
        var missed = rows.Where(r => r.Met == false).Select(r => r.Scenario).Distinct()
            .Select(s => Explanations.GetValueOrDefault(s)).OfType<string>().ToList();
        return missed.Count == 0 ? "" : "\n## What bounds the missed goals\n\n" + string.Join("\n\n", missed) + "\n";
    }
}
