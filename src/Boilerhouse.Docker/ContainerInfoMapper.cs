using System.Globalization;
using System.Text.RegularExpressions;
using Boilerhouse.Core.Containers;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker;

/// <summary>Maps Docker's inspect and list answers onto <see cref="ContainerInfo"/>.</summary>
internal static partial class ContainerInfoMapper
{
    public static ContainerInfo FromInspect(ContainerInspectResponse container)
    {
        var state = container.State;
        var running = state?.Running ?? false;
        return new ContainerInfo(
            container.ID,
            container.Name?.TrimStart('/') ?? "",
            running,
            HealthOf(state?.Health?.Status),
            running || state is null || state.Status == "created" ? null : (int)state.ExitCode,
            Copy(container.Config?.Labels),
            new ContainerEndpoints(IpAddressOf(container.NetworkSettings), PortsOf(container.NetworkSettings?.Ports)),
            ToUtc(container.Created))
        {
            State = state?.Status,
            Image = container.Config?.Image,
            HealthLog = [.. (state?.Health?.Log ?? []).Select(p => new HealthProbe(ToUtc(p.Start), ToUtc(p.End), p.ExitCode, Clip(p.Output)))],
            Mounts = [.. (container.Mounts ?? []).Select(m => new ContainerMount(m.Type ?? "", string.IsNullOrEmpty(m.Name) ? null : m.Name, m.Destination ?? "", !m.RW))],
        };
    }

    // A health check may print a whole page; the API shows what fits on a line or two.
    private static string Clip(string? output) => output is null ? "" : output.Length > 1000 ? output[..1000] + "..." : output;

    public static ContainerInfo FromList(ContainerListResponse container)
    {
        var running = container.State == "running";
        return new ContainerInfo(
            container.ID,
            container.Names?.FirstOrDefault()?.TrimStart('/') ?? "",
            running,
            HealthFromStatus(container.Status),
            running ? null : ExitCodeFromStatus(container.Status),
            Copy(container.Labels),
            new ContainerEndpoints(
                container.NetworkSettings?.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)),
                [.. (container.Ports ?? []).Where(p => p.PublicPort > 0).Select(p => new PublishedPort(p.PrivatePort, p.Type, p.IP ?? "", p.PublicPort))]),
            ToUtc(container.Created));
    }

    public static ContainerHealth HealthOf(string? status) => status switch
    {
        "healthy" => ContainerHealth.Healthy,
        "unhealthy" => ContainerHealth.Unhealthy,
        "starting" => ContainerHealth.Starting,
        _ => ContainerHealth.None,
    };

    /// <summary>The list API has no health field; it is only in the status text, e.g. "Up 3 seconds (healthy)".</summary>
    public static ContainerHealth HealthFromStatus(string? status) => status switch
    {
        null => ContainerHealth.None,
        _ when status.Contains("(healthy)", StringComparison.Ordinal) => ContainerHealth.Healthy,
        _ when status.Contains("(unhealthy)", StringComparison.Ordinal) => ContainerHealth.Unhealthy,
        _ when status.Contains("(health: starting)", StringComparison.Ordinal) => ContainerHealth.Starting,
        _ => ContainerHealth.None,
    };

    /// <summary>"Exited (137) 5 seconds ago" gives 137.</summary>
    public static int? ExitCodeFromStatus(string? status) =>
        status is not null && ExitedPattern().Match(status) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    private static string? IpAddressOf(NetworkSettings? network) =>
        network is null
            ? null
            : !string.IsNullOrEmpty(network.IPAddress)
                ? network.IPAddress
                : network.Networks?.Values.Select(n => n.IPAddress).FirstOrDefault(ip => !string.IsNullOrEmpty(ip));

    private static List<PublishedPort> PortsOf(IDictionary<string, IList<PortBinding>>? ports)
    {
        var published = new List<PublishedPort>();
        foreach (var (key, bindings) in ports ?? new Dictionary<string, IList<PortBinding>>())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (bindings is null
                || !int.TryParse(slash < 0 ? key : key[..slash], NumberStyles.None, CultureInfo.InvariantCulture, out var containerPort))
            {
                continue;
            }

            var protocol = slash < 0 ? "tcp" : key[(slash + 1)..];
            foreach (var binding in bindings)
            {
                if (int.TryParse(binding.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var hostPort))
                {
                    published.Add(new PublishedPort(containerPort, protocol, binding.HostIP ?? "", hostPort));
                }
            }
        }

        return published;
    }

    private static Dictionary<string, string> Copy(IDictionary<string, string>? labels) =>
        labels is null ? [] : new Dictionary<string, string>(labels);

    private static DateTimeOffset ToUtc(DateTime time) =>
        new(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime());

    [GeneratedRegex(@"^Exited \((-?\d+)\)", RegexOptions.CultureInvariant)]
    private static partial Regex ExitedPattern();
}
