namespace Boilerhouse.Orchestration.Hosts;

/// <summary>The configured Docker hosts (the same on every silo), in configuration order.</summary>
public sealed class HostCatalog
{
    private readonly Dictionary<string, HostDefinition> _byId;

    public HostCatalog(IReadOnlyList<HostDefinition> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        if (hosts.Count == 0)
        {
            throw new ArgumentException("At least one Docker host is needed.", nameof(hosts));
        }

        Hosts = hosts;
        _byId = hosts.ToDictionary(h => h.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<HostDefinition> Hosts { get; }

    public IEnumerable<string> Ids => Hosts.Select(h => h.Id);

    /// <summary>The only host when there is exactly one (the default setup), else null.</summary>
    public HostDefinition? Single => Hosts.Count == 1 ? Hosts[0] : null;

    public bool TryGet(string hostId, out HostDefinition host) => _byId.TryGetValue(hostId, out host!);
}
