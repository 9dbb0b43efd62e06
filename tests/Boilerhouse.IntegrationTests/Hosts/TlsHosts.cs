using System.Diagnostics;
using Boilerhouse.Core.Containers;
using Boilerhouse.Docker;
using Boilerhouse.IntegrationTests.Infrastructure;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>
/// The extra TLS Docker engines of eng/setup-tls-hosts.sh, found through .eng-state/tls-hosts.env.
/// Tests name them "tls-1", "tls-2" and "tls-3" (in its own network namespace, iptables on) and the
/// local engine "local"; they can kill an engine and start it again. Fails with what to run when the engines were not set up.
/// </summary>
public sealed class TlsHosts
{
    public const string Local = "local";
    public const string Tls1 = "tls-1";
    public const string Tls2 = "tls-2";
    public const string Tls3 = "tls-3";

    private readonly Dictionary<string, string> _values;

    private TlsHosts(Dictionary<string, string> values) => _values = values;

    public static TlsHosts Load()
    {
        var file = Path.Combine(EngState(), "tls-hosts.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"The TLS Docker hosts are not set up ({file} is missing): run `bash eng/setup-tls-hosts.sh` first (eng/test runs it).");
        }

        return new TlsHosts(File.ReadAllLines(file).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]));
    }

    public string ClientCertPath => _values["TLS_CLIENT_CERT_PATH"];

    public string WrongCaCertPath => _values["TLS_WRONG_CA_CERT_PATH"];

    public Uri Uri(string hostId) => new(_values[$"TLS_HOST_{Number(hostId)}_URI"]);

    /// <summary>Whether the setup script started this engine (older setups have no engine 3).</summary>
    public bool Has(string hostId) => _values.ContainsKey($"TLS_HOST_{Number(hostId)}_URI");

    /// <summary>A hosts.yaml listing these hosts (the local engine or a TLS one each).</summary>
    public string HostsYaml(params HostEntry[] hosts)
    {
        var yaml = new System.Text.StringBuilder("hosts:\n");
        foreach (var host in hosts)
        {
            yaml.Append("  - id: ").Append(host.Id).Append('\n');
            if (host.Id == Local)
            {
                yaml.Append("    endpoint: unix:///var/run/docker.sock\n");
            }
            else
            {
                yaml.Append("    endpoint: ").Append(Uri(host.Id).OriginalString).Append('\n');
                yaml.Append("    tls: { cert_path: ").Append(host.WrongCa ? WrongCaCertPath : ClientCertPath).Append(" }\n");
                if (_values.TryGetValue($"TLS_HOST_{Number(host.Id)}_ADVERTISE", out var advertise))
                {
                    // Engine 3's loopback is its namespace's own: its ports are reachable only there.
                    yaml.Append("    advertise_address: ").Append(advertise).Append('\n');
                }
            }

            if (host.Labels is not null)
            {
                yaml.Append("    labels: ").Append(host.Labels).Append('\n');
            }

            if (host.Capacity is not null)
            {
                yaml.Append("    capacity: ").Append(host.Capacity).Append('\n');
            }
        }

        return yaml.ToString();
    }

    /// <summary>A raw client for a host, to check what Boilerhouse did there.</summary>
    public DockerClient Client(string hostId) => hostId == Local
        ? DockerProbe.Client
        : DockerClientFactory.Create(new DockerEndpoint { Uri = Uri(hostId), TlsCertDirectory = ClientCertPath });

    /// <summary>The containers of an installation (and pool) on a host.</summary>
    public async Task<IList<ContainerListResponse>> ListAsync(string hostId, string instanceId, string? poolId = null)
    {
        var labels = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true };
        if (poolId is not null)
        {
            labels[$"{ContainerLabels.Pool}={poolId}"] = true;
        }

        return await Client(hostId).Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labels },
        });
    }

    /// <summary>Removes an installation's containers, volumes and networks from the TLS engines (the local one is cleaned by BoilerhouseApp).</summary>
    public async Task RemoveInstanceAsync(string instanceId)
    {
        foreach (var hostId in new[] { Tls1, Tls2, Tls3 }.Where(Has))
        {
            var client = Client(hostId);
            foreach (var container in await ListAsync(hostId, instanceId))
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true });
            }

            var volumes = await client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["label"] = new Dictionary<string, bool> { [$"{ContainerLabels.Instance}={instanceId}"] = true },
                },
            });
            foreach (var volume in volumes.Volumes ?? [])
            {
                await client.Volumes.RemoveAsync(volume.Name, force: true);
            }

            await DockerProbe.RemoveNetworksAsync(client, instanceId);
        }
    }

    /// <summary>Kills a TLS engine as a crash would (SIGKILL).</summary>
    public void Kill(string hostId)
    {
        var pid = int.Parse(File.ReadAllText(_values[$"TLS_HOST_{Number(hostId)}_PIDFILE"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit(10_000);
    }

    /// <summary>Starts whichever TLS engine is not running, with the setup script (idempotent).</summary>
    public static async Task RestartAsync()
    {
        var info = new ProcessStartInfo("bash", ["eng/setup-tls-hosts.sh"])
        {
            WorkingDirectory = HostProcess.RepoRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"eng/setup-tls-hosts.sh failed: {await output}");
    }

    private static int Number(string hostId) => hostId switch
    {
        Tls1 => 1,
        Tls2 => 2,
        Tls3 => 3,
        _ => throw new ArgumentException($"'{hostId}' is not a TLS test host", nameof(hostId)),
    };

    private static string EngState() =>
        Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured ? configured : Path.Combine(HostProcess.RepoRoot(), ".eng-state");
}

/// <summary>One host of a test hosts.yaml; Labels and Capacity are YAML flow mappings like "{ zone: a }".</summary>
public sealed record HostEntry(string Id, string? Labels = null, string? Capacity = null, bool WrongCa = false);
