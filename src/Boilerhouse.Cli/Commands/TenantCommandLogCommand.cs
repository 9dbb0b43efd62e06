using System.CommandLine;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse tenants commands TENANT</c>: the tenant's command log, newest first.</summary>
internal static class TenantCommandLogCommand
{
    public static Command Create(CliSession session, Argument<string> tenantId)
    {
        var top = new Option<int>("--top") { Description = "At most this many (newest first)", DefaultValueFactory = _ => 50 };
        return new Command("commands", "The execs and terminal sessions run in a tenant's containers").With(tenantId, top).Run(session, async (cli, ct) =>
        {
            var found = await Listing.TakeAsync(cli.Client.GetCommandsAsync(cli.Value(tenantId)!, Math.Clamp(cli.Value(top), 1, 1000), ct), cli.Value(top));
            cli.Write(found, output =>
            {
                var table = new TextTable("STARTED", "KIND", "KEY", "CONTAINER", "EXIT", "MS", "COMMAND");
                foreach (var e in found)
                {
                    table.Add(e.Started, e.Kind, e.KeyName, ShortId.Of(e.ContainerId), e.TimedOut ? "timeout" : e.ExitCode?.ToString() ?? e.Error,
                        e.DurationMs, string.Join(' ', e.Command));
                }

                table.WriteTo(output);
            });
        });
    }
}
