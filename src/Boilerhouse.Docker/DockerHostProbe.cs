using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Docker.DotNet;

namespace Boilerhouse.Docker;

/// <summary>Pings a Docker engine and reads its version and capacity, for health checks and placement.</summary>
public sealed class DockerHostProbe : IDisposable
{
    private readonly DockerEndpoint endpoint;
    private readonly DockerClient client;
    private readonly DockerCall call;
    private readonly TimeProvider time;
    private int disposed;

    public DockerHostProbe(DockerEndpoint endpoint, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        this.endpoint = endpoint;
        client = DockerClientFactory.Create(endpoint, out var tls);
        call = new DockerCall(endpoint, tls);
        time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Throws <see cref="ContainerRuntimeUnavailableException"/> when the engine does not answer.</summary>
    public async Task<DockerHostStatus> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = time.GetTimestamp();
            await call.RunAsync("ping", t => client.System.PingAsync(t), cancellationToken).ConfigureAwait(false);
            var latency = time.GetElapsedTime(started);

            var version = await call.RunAsync("read the version", t => client.System.GetVersionAsync(t), cancellationToken).ConfigureAwait(false);
            var info = await call.RunAsync("read system info", t => client.System.GetSystemInfoAsync(t), cancellationToken).ConfigureAwait(false);
            return new DockerHostStatus(
                endpoint.ToString(),
                version.Version ?? "",
                version.APIVersion ?? "",
                info.OperatingSystem ?? "",
                info.KernelVersion ?? "",
                info.Containers,
                info.ContainersRunning,
                (int)info.NCPU,
                info.MemTotal,
                [.. (info.Runtimes?.Keys ?? []).Order(StringComparer.Ordinal)],
                latency);
        }
        catch (DockerApiException e)
        {
            throw new ContainerRuntimeUnavailableException($"Docker engine at {endpoint} answered with an error: {DockerErrors.MessageOf(e)}", e);
        }
    }

    public void Dispose()
    {
        // Idempotent: a host's runtime may be owned by the host list and handed out through DI as well.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        var configuration = client.Configuration;
        client.Dispose();
        configuration.Dispose();
    }
}
