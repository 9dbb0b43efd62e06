using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse tenants list</c>: the tenants that hold a container, in tenant id order.</summary>
internal static class TenantListCommand
{
    public static Command Create(CliSession session)
    {
        var pool = new Option<string?>("--pool") { Description = "Only tenants holding a container of this pool" };
        var status = new Option<string?>("--status") { Description = "claimed, releasing or lost" };
        var top = new Option<int?>("--top") { Description = "At most this many" };
        return new Command("list", "Tenants holding a container: status, pool, container, last sync").With(pool, status, top).Run(session, async (cli, ct) =>
        {
            var query = new TenantQuery { PoolId = cli.Value(pool), Status = cli.Value(status), PageSize = cli.Value(top) is { } n ? Math.Clamp(n, 1, 500) : null };
            var found = await Listing.TakeAsync(cli.Client.GetTenantsAsync(query, ct), cli.Value(top));
            cli.Write(found, output =>
            {
                var table = new TextTable("TENANT", "STATUS", "POOL", "CONTAINER", "CLAIMED", "LAST ACTIVITY", "LAST SYNC");
                foreach (var t in found)
                {
                    table.Add(t.TenantId, t.Status, t.PoolId, ShortId.Of(t.ContainerId), t.ClaimedAt, t.LastActivityAt,
                        t.LastSync is { } sync ? $"{(sync.Succeeded ? "ok" : sync.ErrorCode ?? "failed")} {sync.FinishedAt.ToUniversalTime():yyyy-MM-dd HH:mm:ss}Z" : null);
                }

                table.WriteTo(output);
            });
        });
    }
}
