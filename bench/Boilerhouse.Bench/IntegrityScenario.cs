using Boilerhouse.Testing;
using System.Diagnostics;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads.Parsing;
using Boilerhouse.Docker;
using Boilerhouse.Sync;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.Logging.Abstractions;

namespace Boilerhouse.Bench;

/// <summary>
/// State integrity (issue 14): the sync engine saves and restores the same 10 MB of tenant state
/// (100 files of 10 KB and one of 9 MB) to the real S3 server with verification on (SHA-256 against
/// the manifest on restore, Content-MD5 + ETag on upload) and off, interleaved sample by sample (the
/// order alternates), in one run. Goal: verification costs at most 5% of either.
/// </summary>
public sealed class IntegrityScenario(BenchOptions options, Results results)
{
    private const string MakeState =
        "mkdir -p /state/small && for i in $(seq 1 100); do dd if=/dev/urandom of=/state/small/f$i.bin bs=10k count=1 2>/dev/null; done"
        + " && dd if=/dev/urandom of=/state/big.bin bs=1M count=9 2>/dev/null";

    public async Task RunAsync()
    {
        var endpoint = SinkFacts.S3Endpoint(options);
        var instance = $"bench-int-{Guid.NewGuid():N}"[..20];
        var bucket = $"bench-int-{Guid.NewGuid():N}"[..20];
        var spec = WorkloadParser.Parse(new WorkloadYaml("integrity")
        {
            Sync = $$"""
                sink: { type: s3, bucket: {{bucket}}, endpoint: "{{endpoint}}", chunked_encoding: false, prefix: "${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/ }
                """,
        }.ToString(), "/bench/integrity.yaml").Spec ?? throw new InvalidOperationException("The integrity workload does not parse.");
        using var sinks = new SinkFactory(name => name.StartsWith("BOILERHOUSE_S3_", StringComparison.Ordinal) ? "S3RVER" : null);
        var verified = new SyncEngine(sinks, new SyncOptions(), TimeProvider.System, NullLogger<SyncEngine>.Instance);
        var unverified = new SyncEngine(sinks, new SyncOptions { VerifyIntegrity = false }, TimeProvider.System, NullLogger<SyncEngine>.Instance);
        using var docker = new DockerContainerRuntime(new DockerEndpoint());
        try
        {
            var labels = new Dictionary<string, string> { [ContainerLabels.Instance] = instance };
            var source = await docker.CreateAsync(new ContainerRequest($"{instance}-src", spec, labels), CancellationToken.None);
            var target = await docker.CreateAsync(new ContainerRequest($"{instance}-dst", spec, labels), CancellationToken.None);
            await docker.StartAsync(source, CancellationToken.None);
            await docker.StartAsync(target, CancellationToken.None);
            await ExecAsync(docker, source, MakeState);

            var samples = new Dictionary<bool, (List<double> Up, List<double> Down)> { [true] = ([], []), [false] = ([], []) };
            // One warm-up pair (first use of the sink runs its canary, the JIT warms up), not counted.
            for (var i = -1; i < options.IntegritySamples; i++)
            {
                foreach (var verify in i % 2 == 0 ? new[] { true, false } : [false, true])
                {
                    var engine = verify ? verified : unverified;
                    var tenant = $"t{i + 1}-{(verify ? "on" : "off")}";
                    var up = await TimeAsync(() => engine.RunAsync(Request(docker, source, spec.Sync!, tenant, SyncTrigger.Release), CancellationToken.None));
                    await ExecAsync(docker, target, "rm -rf /state/* /state/.[!.]* 2>/dev/null; true");
                    var down = await TimeAsync(() => engine.RunAsync(Request(docker, target, spec.Sync!, tenant, SyncTrigger.Claim), CancellationToken.None));
                    if (i >= 0)
                    {
                        samples[verify].Up.Add(up);
                        samples[verify].Down.Add(down);
                    }
                }
            }

            Report("upload of 10 MB (release)", Stats.Of(samples[false].Up), Stats.Of(samples[true].Up));
            Report("restore of 10 MB (claim)", Stats.Of(samples[false].Down), Stats.Of(samples[true].Down));
        }
        finally
        {
            await Cleanup.RemoveInstanceAsync(instance);
        }
    }

    private void Report(string what, Stats off, Stats on)
    {
        results.Add(new("8. integrity", $"{what}, verification off", $"{off}", "", null));
        results.Add(new("8. integrity", $"{what}, verification on", $"{on}", "", null));
        var cost = (on.Median / off.Median) - 1;
        results.Add(new("8. integrity", $"{what}: cost of verification (medians, same run)", $"{cost:+0.0%;-0.0%}", "<= +5.0%", cost <= 0.05));
    }

    private static SyncRunRequest Request(DockerContainerRuntime docker, string container, Core.Workloads.SyncSpec sync, string tenant, SyncTrigger trigger) =>
        new(docker, container, sync, new SyncScope(tenant, "integrity", "integrity"), trigger, SyncDirection.Both);

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var clock = Stopwatch.StartNew();
        await run();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task ExecAsync(DockerContainerRuntime docker, string containerId, string script)
    {
        var result = await docker.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed in {containerId}: {result.Stderr}");
        }
    }
}
