using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker.Tests;

/// <summary>The runtime against real dockerd engines that answer only mutual TLS (eng/setup-tls-hosts.sh).</summary>
public sealed class TlsEngineTests : IAsyncLifetime
{
    private readonly TlsEngines engines = TlsEngines.Load();
    private readonly string runId = Guid.NewGuid().ToString("N")[..10];
    private DockerContainerRuntime runtime = null!;

    public Task InitializeAsync()
    {
        runtime = new DockerContainerRuntime(engines.Endpoint(1));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var container in await runtime.ListAsync(new Dictionary<string, string> { [DockerTestScope.RunLabel] = runId }, CancellationToken.None))
        {
            await runtime.RemoveAsync(container.Id, CancellationToken.None);
        }

        runtime.Dispose();
    }

    [Fact]
    public async Task Probe_of_a_tls_engine_reports_version_capacity_and_latency()
    {
        using var probe = new DockerHostProbe(engines.Endpoint(2));

        var status = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(engines.Uri(2).OriginalString, status.Endpoint);
        Assert.False(string.IsNullOrEmpty(status.ServerVersion));
        Assert.True(status.Cpus > 0);
        Assert.True(status.MemoryBytes > 0);
        Assert.True(status.PingLatency > TimeSpan.Zero);
    }

    [Fact]
    public async Task Container_lifecycle_and_archive_copy_work_over_tls()
    {
        // Given
        var name = $"bh-test-{runId}-tls";
        var request = new ContainerRequest(name, TestWorkloads.Sleeper() with { NetworkMode = "none" },
            new Dictionary<string, string> { [DockerTestScope.RunLabel] = runId });

        // When
        var id = await runtime.CreateAsync(request, CancellationToken.None);
        await runtime.StartAsync(id, CancellationToken.None);
        await runtime.WaitUntilHealthyAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        using (var tar = TarArchive.Create([new TarFileEntry("hello.txt", "hi over tls"u8.ToArray())]))
        {
            await runtime.PutArchiveAsync(id, "/state", tar, CancellationToken.None);
        }

        var read = await runtime.ExecAsync(id, ["cat", "/state/hello.txt"], CancellationToken.None);

        // Then
        Assert.Equal("hi over tls", read.Stdout);
        await runtime.RemoveAsync(id, CancellationToken.None);
        Assert.Null(await runtime.InspectAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Engine_checked_against_the_wrong_ca_is_refused_with_why()
    {
        using var wrong = new DockerContainerRuntime(engines.Endpoint(1, wrongCa: true));

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(
            () => wrong.ListAsync(new Dictionary<string, string>(), CancellationToken.None));

        Assert.Contains(engines.Uri(1).OriginalString, error.Message, StringComparison.Ordinal);
        Assert.Contains("not signed by the configured CA (CN=boilerhouse-wrong-ca)", error.Message, StringComparison.Ordinal);
    }
}
