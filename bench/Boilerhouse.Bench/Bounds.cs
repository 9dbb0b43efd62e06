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
            **Warm claim.** The step profile shows it: the claim's own steps (check, take, record) cost
            ~2 ms; the rest of a plain claim is the HTTP request, the instance's checkpoints in SQLite
            and waking the request that waits, all of which scale with the machine (compare the rclone
            baseline of two runs to compare machines). With config and secrets on the local engine, the
            files go straight into the volumes' folders (a few ms a step). Through Docker's archive API,
            as for remote engines, every write is a `PUT /containers/{id}/archive`: Docker 20.10
            re-executes itself to chroot into the container for each copy (40-150 ms depending on the
            machine), and the secrets volume, read-only inside the container, needs a helper container
            created with it writable on top.
            """,
        ["4. throughput"] = """
            **Throughput.** The rate is CPU: at ~250 claims/s the 2 cores spend ~8 ms per claim, shared by
            the host (HTTP, the tenant grain's activation and its two reads, four awaited writes through
            EF Core, Orleans calls; a profile shows no single part above ~16%), the benchmark client and
            dockerd. The take step no longer queues (the
            pool's line hands out in batches written in one transaction; ~35 ms median) and the
            checkpoints are group-committed, so 200 claims arriving at once finish in ~0.8 s: the p99 of
            one burst is the time to serve all of it, and p99 <= 500 ms for 200 at once needs ~400
            claims/s. A fresh host's first burst runs unoptimized code (reported apart).
            """,
        ["5. warm-up"] = """
            **Warm-up.** Bounded by dockerd and the health checks: every container is a create and a
            start (runc, cgroups, network namespace, veth for the bridge), then waits for its first
            Docker health check, which runs one `interval` (1 s here) after the start; the host itself
            needs ~1.7 s to start. Create slots are released once a container has started, so health
            waits overlap; on 2 cores dockerd and containerd then use most of the CPU.
            """,
        ["6. memory"] = """
            **Memory.** Most of the host's RSS is there before the first container: ~100 MiB of mapped
            assemblies and ~65 MiB of JIT-compiled code (the runtime maps it twice, W^X), so a host
            answers at 180-230 MiB. With 500 containers (gcdump) the managed heap held the resource
            history (27 MB before it was packed and merged, ~6 MB since), Orleans' grain directory cache
            (18 MB allocated up front before it was capped), OpenTelemetry's preallocated metric points
            (~10 MB: 2,000 per instrument) and the pool records; the server GC keeps headroom above it.
            """,
        ["7. sync"] = """
            **State sync.** On the local engine state moves straight through the state volume's folder
            (link-safe, one name at a time): a restore streams each object from the S3 server into a
            fresh file, hashed as it goes and renamed in once it matches its manifest entry; a save
            lists sizes and times and reads only changed files. What is left beside rclone's work is the
            manifest: a restore reads it (and the listing) first, and a save that overwrites an object
            writes a journal before it and the final manifest after it (crash safety), so one changed
            file costs three PUTs and two reads where rclone needs one listing and one PUT. Remote engines
            still move every byte through Docker's archive API as tar streams.
            """,
        ["9. events"] = """
            **Events.** An event's latency is its way from where it happens through the host's outbox
            and event hub grain to each subscriber's queue and socket; SSE and WebSocket subscribers
            see the same tail, so a p99 over the goal is a stall upstream of both (the host's threads
            waiting for a core: compare the load average in the table with the 2 cores).
            Every event is serialized and written to every subscriber's connection (a
            subscriber that never reads only stops costing once its socket buffers are full; then its
            queue of 1,000 events fills and it skips ahead with a marker, never blocking the publisher).
            With 20 such subscribers each claim's events are written 20 more times on the same 2 cores
            the claim, dockerd and the benchmark client share, and medians of a few milliseconds move
            by a millisecond with the machine's noise: compare the p99s and several runs.
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
