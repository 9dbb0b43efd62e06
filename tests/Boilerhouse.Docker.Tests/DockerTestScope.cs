using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Tests;

/// <summary>
/// A test class's share of the real engine: a runtime, a raw client for checks, and a unique run label
/// on every container and volume it makes, so disposal removes exactly those.
/// </summary>
public abstract class DockerTestScope : IAsyncLifetime
{
    public const string RunLabel = "boilerhouse.test-run";

    protected DockerTestScope()
    {
        RunId = Guid.NewGuid().ToString("N")[..10];
        Runtime = new DockerContainerRuntime(new DockerEndpoint());
        Client = DockerClientFactory.Create(new DockerEndpoint());
    }

    protected string RunId { get; }

    protected DockerContainerRuntime Runtime { get; }

    protected DockerClient Client { get; }

    protected static CancellationToken Ct => CancellationToken.None;

    protected static TimeSpan HealthTimeout => TimeSpan.FromSeconds(30);

    protected IReadOnlyDictionary<string, string> RunLabels => new Dictionary<string, string>
    {
        [RunLabel] = RunId,
        [ContainerLabels.Managed] = "true",
    };

    protected string NameFor(string suffix) => $"bh-test-{RunId}-{suffix}";

    protected ContainerRequest Request(string suffix, WorkloadSpec workload, IReadOnlyDictionary<string, string>? extraLabels = null)
    {
        var labels = new Dictionary<string, string>(RunLabels);
        foreach (var (key, value) in extraLabels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        return new ContainerRequest(NameFor(suffix), workload, labels);
    }

    /// <summary>Create, start and wait until healthy.</summary>
    protected async Task<(string Id, ContainerInfo Info)> RunAsync(string suffix, WorkloadSpec workload)
    {
        var id = await Runtime.CreateAsync(Request(suffix, workload), Ct);
        await Runtime.StartAsync(id, Ct);
        var info = await Runtime.WaitUntilHealthyAsync(id, HealthTimeout, Ct);
        return (id, info);
    }

    protected async Task<IList<VolumeResponse>> VolumesLabelledAsync(string key, string value)
    {
        var response = await Client.Volumes.ListAsync(
            new VolumesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true } } },
            Ct);
        return response.Volumes ?? [];
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            foreach (var container in await Runtime.ListAsync(new Dictionary<string, string> { [RunLabel] = RunId }, Ct))
            {
                await Runtime.RemoveAsync(container.Id, Ct);
            }

            foreach (var volume in await VolumesLabelledAsync(RunLabel, RunId))
            {
                await Client.Volumes.RemoveAsync(volume.Name, true, Ct);
            }
        }
        finally
        {
            Runtime.Dispose();
            var configuration = Client.Configuration;
            Client.Dispose();
            configuration.Dispose();
        }
    }
}
