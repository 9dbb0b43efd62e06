using System.Net;
using System.Net.Sockets;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Tests;

public sealed class UnreachableEngineTests
{
    [Fact]
    public async Task Missing_unix_socket_throws_runtime_unavailable_naming_the_endpoint()
    {
        var endpoint = new DockerEndpoint { Uri = new Uri($"unix:///tmp/boilerhouse-missing-{Guid.NewGuid():N}.sock") };
        using var runtime = new DockerContainerRuntime(endpoint);

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));

        Assert.Equal(ErrorCodes.DockerUnavailable, error.Code);
        Assert.StartsWith($"Docker engine at {endpoint.Uri.OriginalString} did not answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_tcp_port_throws_runtime_unavailable()
    {
        var endpoint = new DockerEndpoint { Uri = new Uri("tcp://127.0.0.1:1") };
        using var runtime = new DockerContainerRuntime(endpoint);

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.ListAsync(new Dictionary<string, string>(), CancellationToken.None));

        Assert.Contains("tcp://127.0.0.1:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_that_accepts_but_never_answers_times_out_as_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var endpoint = new DockerEndpoint { Uri = new Uri($"tcp://127.0.0.1:{port}"), RequestTimeout = TimeSpan.FromMilliseconds(500) };
        using var runtime = new DockerContainerRuntime(endpoint);

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));

        Assert.Contains("no answer within 0.5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_of_a_missing_engine_throws_runtime_unavailable()
    {
        using var probe = new DockerHostProbe(new DockerEndpoint { Uri = new Uri("tcp://127.0.0.1:1") });

        await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => probe.ProbeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_unavailable()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var runtime = new DockerContainerRuntime(new DockerEndpoint { Uri = new Uri($"tcp://127.0.0.1:{port}") });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runtime.InspectAsync("anything", cancel.Token));
    }
}
