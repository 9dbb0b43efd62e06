using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// The Docker hosts: those the hosts file (BOILERHOUSE_HOSTS_FILE, default config/hosts.yaml) lists,
/// else the one engine DOCKER_HOST names, as host "local". And how their health is judged
/// (BOILERHOUSE_HOST_UNHEALTHY_AFTER failed checks in a row, each call within
/// BOILERHOUSE_HOST_PROBE_TIMEOUT_SECONDS), and whether local volumes may be written directly
/// (BOILERHOUSE_DIRECT_VOLUME_WRITES, default true; see <see cref="DockerEndpoint.DirectVolumeWrites"/>).
/// </summary>
public sealed record HostsSettings(string? File, IReadOnlyList<HostDefinition> Hosts, int UnhealthyAfter, TimeSpan ProbeTimeout)
{
    public const string DefaultFile = "config/hosts.yaml";

    public static HostsSettings Load(IConfiguration configuration, string root, DockerEndpoint localEngine)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["BOILERHOUSE_HOSTS_FILE"]?.Trim();
        var file = Path.GetFullPath(string.IsNullOrEmpty(configured) ? DefaultFile : configured, root);
        if (!System.IO.File.Exists(file) && !string.IsNullOrEmpty(configured))
        {
            throw new SettingsException($"BOILERHOUSE_HOSTS_FILE '{configured}' does not exist ({file}).");
        }

        var listed = System.IO.File.Exists(file) ? HostsFile.Read(file) : [];
        IReadOnlyList<HostDefinition> hosts = listed.Count > 0
            ? listed
            : [new HostDefinition(HostDefinition.LocalId, localEngine, new Dictionary<string, string>(), HostCapacity.Unlimited)];
        var reader = new SettingsReader(configuration);
        var directWrites = reader.Bool("BOILERHOUSE_DIRECT_VOLUME_WRITES", true);
        return new HostsSettings(
            listed.Count > 0 ? file : null,
            [.. hosts.Select(h => h with { Endpoint = h.Endpoint with { DirectVolumeWrites = directWrites } })],
            reader.Int("BOILERHOUSE_HOST_UNHEALTHY_AFTER", 3, 1, 100),
            TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_HOST_PROBE_TIMEOUT_SECONDS", 5, 1, 300)));
    }
}
