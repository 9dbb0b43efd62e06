using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Docker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Hosts;

/// <summary>
/// This silo's connections to every configured Docker host: a container runtime and a health probe
/// each. Built once at start-up, so unreadable TLS files stop the start with a clear error.
/// </summary>
public sealed class DockerHosts : IDisposable
{
    private readonly Dictionary<string, DockerContainerRuntime> _runtimes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DockerHostProbe> _probes = new(StringComparer.Ordinal);

    public DockerHosts(HostCatalog catalog, IOptions<HostHealthOptions> health, ILoggerFactory loggers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(loggers);
        Catalog = catalog;
        try
        {
            foreach (var host in catalog.Hosts)
            {
                _runtimes[host.Id] = new DockerContainerRuntime(host.Endpoint, loggers.CreateLogger<DockerContainerRuntime>(), time);
                // Probes give up sooner than other calls: a health check must not hang on a host that went silent.
                _probes[host.Id] = new DockerHostProbe(host.Endpoint with { RequestTimeout = health.Value.ProbeTimeout }, time);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public HostCatalog Catalog { get; }

    public IEnumerable<string> Ids => Catalog.Ids;

    /// <summary>The runtime of a host; HOST_NOT_FOUND for an id that is not configured (any more).</summary>
    public IContainerRuntime Runtime(string hostId) =>
        _runtimes.TryGetValue(hostId, out var runtime) ? runtime : throw NotFound(hostId);

    /// <summary>Commands, terminals and volume files of a host's containers; HOST_NOT_FOUND for an unknown id.</summary>
    public Boilerhouse.Core.Shell.IContainerShell Shell(string hostId) =>
        _runtimes.TryGetValue(hostId, out var runtime) ? runtime : throw NotFound(hostId);

    public DockerHostProbe Probe(string hostId) =>
        _probes.TryGetValue(hostId, out var probe) ? probe : throw NotFound(hostId);

    public void Dispose()
    {
        foreach (var runtime in _runtimes.Values)
        {
            runtime.Dispose();
        }

        foreach (var probe in _probes.Values)
        {
            probe.Dispose();
        }
    }

    private static BoilerhouseException NotFound(string hostId) =>
        new(HostErrorCodes.HostNotFound, $"Docker host '{hostId}' is not configured.");
}
