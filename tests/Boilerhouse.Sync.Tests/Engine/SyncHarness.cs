using Boilerhouse.Testing;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Docker;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.Logging.Abstractions;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Sync.Tests.Engine;

/// <summary>
/// Real containers (the local busybox image, a /state volume) and a real engine over real sinks;
/// containers are labelled with this harness's installation id and removed at the end.
/// </summary>
public sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _instance = $"synctest-{Guid.NewGuid():N}"[..18];
    private readonly SinkFactory _sinks;

    /// <param name="decorate">Wraps each sink, for the few faults a real sink cannot produce.</param>
    /// <param name="endpoint">The engine (default: the local one, whose state volumes sync uses directly).</param>
    public SyncHarness(
        IReadOnlyDictionary<string, string>? settings = null, SyncOptions? options = null, TimeProvider? time = null, Func<ISink, ISink>? decorate = null,
        DockerEndpoint? endpoint = null)
    {
        Runtime = new DockerContainerRuntime(endpoint ?? new DockerEndpoint());
        _sinks = new SinkFactory(name => settings?.GetValueOrDefault(name));
        ISinkFactory factory = decorate is null ? _sinks : new Infrastructure.DecoratedSinkFactory(_sinks, decorate);
        Engine = new SyncEngine(factory, options ?? new SyncOptions(), time ?? TimeProvider.System, NullLogger<SyncEngine>.Instance);
    }

    public DockerContainerRuntime Runtime { get; }

    public SyncEngine Engine { get; }

    public ISink Sink(SinkSpec spec) => _sinks.Get(spec);

    /// <summary>A worker with a /state volume and the given x-boilerhouse.sync block (unindented).</summary>
    public static WorkloadSpec Workload(string sync)
    {
        var result = WorkloadParser.Parse(new WorkloadYaml("synced") { Sync = sync }.ToString(), "/tmp/synced.yaml");
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Spec;
    }

    public async Task<string> StartAsync(WorkloadSpec spec)
    {
        var name = $"bh-synctest-{Guid.NewGuid():N}"[..24];
        var id = await Runtime.CreateAsync(new ContainerRequest(name, spec, new Dictionary<string, string> { [ContainerLabels.Instance] = _instance }), CancellationToken.None);
        await Runtime.StartAsync(id, CancellationToken.None);
        return id;
    }

    public Task<SyncRunResult> RunAsync(string containerId, WorkloadSpec spec, string tenant, SyncTrigger trigger, SyncDirection direction = SyncDirection.Both) =>
        Engine.RunAsync(new SyncRunRequest(Runtime, containerId, spec.Sync!, new SyncScope(tenant, spec.Id, spec.Id), trigger, direction), CancellationToken.None);

    public async Task<string> ExecAsync(string containerId, string script)
    {
        var result = await Runtime.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{script}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }

    /// <summary>"sha256  ./path" for every file under /state, sorted.</summary>
    public async Task<List<string>> HashesAsync(string containerId) =>
        [.. (await ExecAsync(containerId, "cd /state && find . -type f | sort | xargs -r sha256sum")).Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    public async ValueTask DisposeAsync()
    {
        foreach (var container in await Runtime.ListAsync(new Dictionary<string, string> { [ContainerLabels.Instance] = _instance }, CancellationToken.None))
        {
            await Runtime.RemoveAsync(container.Id, CancellationToken.None);
        }

        _sinks.Dispose();
        Runtime.Dispose();
    }
}
