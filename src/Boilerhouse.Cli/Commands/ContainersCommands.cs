using System.CommandLine;
using System.Text;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse containers list|show|logs|exec|rm</c>: every container of the installation (operators).</summary>
internal static class ContainersCommands
{
    public static Command Create(CliSession session)
    {
        var containers = new Command("containers", "Containers of every pool and host");
        containers.Subcommands.Add(List(session));

        var containerId = new Argument<string>("container") { Description = "A Docker container id (full or short) or name" };
        containers.Subcommands.Add(new Command("show", "One container: record, Docker's view, health, volumes, workload").With(containerId).Run(session, async (cli, ct) =>
        {
            var c = await cli.Client.GetContainerAsync(cli.Value(containerId)!, ct);
            cli.Write(c, output =>
            {
                output.WriteLine($"{c.Name} ({ShortId.Of(c.ContainerId)}): pool {c.PoolId}, host {c.HostId ?? "-"}, state {c.State ?? "-"}, tenant {c.TenantId ?? "-"}");
                output.WriteLine(c.Docker is { } d ? $"Docker: {d.State} (health {d.Health}), image {d.Image}" : "Docker: no answer (host down or container gone)");
                var volumes = new TextTable("MOUNT", "ROLE", "TYPE", "READ-ONLY", "VOLUME");
                foreach (var v in c.Volumes)
                {
                    volumes.Add(v.Destination, v.Role, v.Type, v.ReadOnly, v.Name);
                }

                volumes.WriteTo(output);
            });
        }));

        var tail = new Option<int?>("--tail") { Description = "Lines from the end (0-10000, default 100)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines until Ctrl+C" };
        containers.Subcommands.Add(new Command("logs", "A container's log, stdout and stderr").With(containerId, tail, follow).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(containerId)!;
            if (!cli.Value(follow))
            {
                var logs = await cli.Client.GetContainerLogsAsync(id, cli.Value(tail), ct);
                cli.Write(logs, output => output.Write(logs.Text));
                return;
            }

            try
            {
                await foreach (var line in cli.Client.FollowContainerLogsAsync(id, cli.Value(tail), ct))
                {
                    if (cli.Json)
                    {
                        JsonOutput.WriteLine(cli.Out, line);
                    }
                    else
                    {
                        (line.Stream == "stderr" ? cli.Error : cli.Out).WriteLine(line.Text);
                    }

                    await cli.Out.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl+C ends a follow: that is success.
            }
        }));

        containers.Subcommands.Add(Exec(session, containerId));

        var noSave = new Option<bool>("--no-save") { Description = "A held container: release its tenant without saving the state (it is lost)" };
        containers.Subcommands.Add(new Command("rm", "Force-removes a container; a held one is released first (state saved unless --no-save)")
            .With(containerId, noSave).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(containerId)!;
                var removal = await cli.WithProgressAsync($"Removing {id}", () => cli.Client.RemoveContainerAsync(id, !cli.Value(noSave), ct));
                cli.Write(removal, output => output.WriteLine(removal.Released
                    ? $"Released {removal.TenantId} and removed {id}{(removal.SyncSkipped ? " (state not saved)" : "")}"
                    : $"Removed {id}"));
            }));
        return containers;
    }

    private static Command List(CliSession session)
    {
        var pool = new Option<string?>("--pool") { Description = "Only this pool's containers" };
        var host = new Option<string?>("--host") { Description = "Only containers on this Docker host" };
        var state = new Option<string?>("--state") { Description = "starting, warm, claimed, unhealthy or removing" };
        var tenant = new Option<string?>("--tenant") { Description = "Only the container this tenant holds" };
        var top = new Option<int?>("--top") { Description = "At most this many" };
        return new Command("list", "Containers as their pools recorded them").With(pool, host, state, tenant, top).Run(session, async (cli, ct) =>
        {
            var query = new ContainerQuery
            {
                PoolId = cli.Value(pool), HostId = cli.Value(host), State = cli.Value(state), TenantId = cli.Value(tenant),
                PageSize = cli.Value(top) is { } n ? Math.Clamp(n, 1, 500) : null,
            };
            var found = await Listing.TakeAsync(cli.Client.GetContainersAsync(query, ct), cli.Value(top));
            cli.Write(found, output =>
            {
                var table = new TextTable("CONTAINER", "NAME", "POOL", "HOST", "STATE", "TENANT", "CREATED");
                foreach (var c in found)
                {
                    table.Add(ShortId.Of(c.ContainerId), c.Name, c.PoolId, c.HostId, c.State, c.TenantId, c.CreatedAt);
                }

                table.WriteTo(output);
            });
        });
    }

    /// <summary>
    /// A held container runs the command through its tenant's exec (stdout and stderr apart, with a
    /// deadline); any other container through a terminal, the API's one way into every container,
    /// where stdout and stderr come merged and lines end in CRLF.
    /// </summary>
    private static Command Exec(CliSession session, Argument<string> containerId)
    {
        var command = new Argument<string[]>("command") { Description = "The program and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        return new Command("exec", "Runs a command in a container; exits 3 when it fails")
            .With(containerId, command).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(containerId)!;
                var argv = cli.Value(command)!;
                var container = await cli.Client.GetContainerAsync(id, ct);
                var result = container is { State: "claimed", TenantId: { } tenant }
                    ? await cli.Client.ExecAsync(tenant, argv, ct)
                    : await ThroughTerminalAsync(cli, id, argv, ct);
                return ExecCommand.Print(cli, result);
            });
    }

    private static async Task<ExecResult> ThroughTerminalAsync(CliContext cli, string containerId, string[] command, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var terminal = await cli.Client.OpenContainerTerminalAsync(containerId, new TerminalOptions { Command = command }, cancellationToken);
        var output = new StringBuilder();
        // One decoder for the whole stream: a character may be split between two frames.
        var decoder = Encoding.UTF8.GetDecoder();
        while (await terminal.ReceiveAsync(cancellationToken) is { Kind: not TerminalEventKind.Closed } next)
        {
            if (next.Kind == TerminalEventKind.Output)
            {
                var chars = new char[decoder.GetCharCount(next.Output.Span, flush: false)];
                output.Append(chars, 0, decoder.GetChars(next.Output.Span, chars, flush: false));
            }
        }

        return new ExecResult(terminal.Exited ? terminal.ExitCode : null, output.ToString(), "", Truncated: false, TimedOut: false, watch.ElapsedMilliseconds);
    }
}
