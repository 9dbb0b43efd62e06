using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse hosts list|show|cordon|uncordon|drain</c>.</summary>
internal static class HostsCommands
{
    public static Command Create(CliSession session)
    {
        var hosts = new Command("hosts", "Docker hosts");
        hosts.Subcommands.Add(new Command("list", "Every Docker host: health, flags, capacity").Run(session, async (cli, ct) =>
        {
            var all = await cli.Client.GetHostsAsync(ct);
            cli.Write(all, output => Table(all).WriteTo(output));
        }));

        var hostId = new Argument<string>("host") { Description = "The host id" };
        hosts.Subcommands.Add(new Command("show", "One Docker host and its containers").With(hostId).Run(session, async (cli, ct) =>
        {
            var host = await cli.Client.GetHostAsync(cli.Value(hostId)!, ct);
            cli.Write(host, output =>
            {
                Table([host]).WriteTo(output);
                var containers = new TextTable("POOL", "CONTAINER", "STATUS", "TENANT");
                foreach (var c in host.Containers ?? [])
                {
                    containers.Add(c.PoolId, c.ContainerId is { Length: > 12 } id ? id[..12] : c.ContainerId ?? c.Name, c.Status, c.TenantId);
                }

                output.WriteLine();
                containers.WriteTo(output);
            });
        }));

        hosts.Subcommands.Add(Action(session, hostId, "cordon", "Stops placing new containers on a host", (cli, id, ct) => cli.Client.CordonHostAsync(id, ct)));
        hosts.Subcommands.Add(Action(session, hostId, "uncordon", "Places containers on a host again", (cli, id, ct) => cli.Client.UncordonHostAsync(id, ct)));
        hosts.Subcommands.Add(Action(session, hostId, "drain", "Stops placing on a host and moves its warm containers elsewhere", (cli, id, ct) => cli.Client.DrainHostAsync(id, ct)));
        return hosts;
    }

    private static Command Action(CliSession session, Argument<string> hostId, string name, string description, Func<CliContext, string, CancellationToken, Task<DockerHost>> act) =>
        new Command(name, description).With(hostId).Run(session, async (cli, ct) =>
        {
            var host = await act(cli, cli.Value(hostId)!, ct);
            cli.Write(host, output => Table([host]).WriteTo(output));
        });

    private static TextTable Table(IEnumerable<DockerHost> hosts)
    {
        var table = new TextTable("HOST", "STATUS", "CORDONED", "DRAINING", "CONTAINERS", "FREE", "LATENCY MS", "ENDPOINT");
        foreach (var h in hosts)
        {
            table.Add(h.Id, h.Status, h.Cordoned, h.Draining, h.Used.Containers, h.Free.Containers?.ToString() ?? "unlimited",
                h.LatencyMs is { } ms ? Math.Round(ms, 1) : null, h.Endpoint);
        }

        return table;
    }
}
