using System.CommandLine;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse stats</c>: the installation at a glance.</summary>
internal static class StatsCommand
{
    public static Command Create(CliSession session) =>
        new Command("stats", "Pools, containers by state, tenants, and the last hour's claims, releases and syncs").Run(session, async (cli, ct) =>
        {
            var stats = await cli.Client.GetStatsAsync(ct);
            cli.Write(stats, output =>
            {
                var c = stats.Containers;
                output.WriteLine($"{stats.Pools} pools; containers: {c.Warm} warm, {c.Claimed} claimed, {c.Starting} starting, {c.Unhealthy} unhealthy, {c.Removing} removing");
                output.WriteLine($"Tenants: {stats.Tenants.Claimed} claimed, {stats.Tenants.Releasing} releasing, {stats.Tenants.Lost} lost");
                var table = new TextTable("SINCE " + stats.LastHour.Since.ToUniversalTime().ToString("HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), "TOTAL", "SUCCEEDED", "FAILED", "TERMINATED", "ERROR RATE");
                foreach (var (name, o) in new[] { ("claims", stats.LastHour.Claims), ("releases", stats.LastHour.Releases), ("syncs", stats.LastHour.Syncs) })
                {
                    table.Add(name, o.Total, o.Succeeded, o.Failed, o.Terminated, $"{o.ErrorRate:P1}");
                }

                table.WriteTo(output);
            });
        });
}
