using System.CommandLine;
using Boilerhouse.Cli.Commands;

namespace Boilerhouse.Cli;

/// <summary>The <c>boilerhouse</c> command: builds the command tree, parses, runs, and maps outcomes to exit codes.</summary>
internal static class BoilerhouseCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, Func<string, string?> environment, CancellationToken cancellationToken = default)
    {
        var session = new CliSession(console, environment, new GlobalOptions());
        var root = new RootCommand("Operate a Boilerhouse server: pools, tenants, containers, hosts, workloads, orchestrations, keys, stats and live events.");
        foreach (var option in session.Options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(PoolsCommands.Create(session));
        root.Subcommands.Add(TenantsCommands.Create(session));
        root.Subcommands.Add(ContainersCommands.Create(session));
        root.Subcommands.Add(HostsCommands.Create(session));
        root.Subcommands.Add(WorkloadsCommands.Create(session));
        root.Subcommands.Add(OrchestrationsCommands.Create(session));
        root.Subcommands.Add(KeysCommands.Create(session));
        root.Subcommands.Add(EventsCommand.Create(session));
        root.Subcommands.Add(StatsCommand.Create(session));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                console.Error.WriteLine($"usage: {error.Message}");
            }

            console.Error.WriteLine("Run 'boilerhouse --help' for the commands.");
            return CliExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
