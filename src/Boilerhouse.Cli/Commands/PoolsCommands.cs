using System.CommandLine;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse pools list|show</c>.</summary>
internal static class PoolsCommands
{
    public static Command Create(CliSession session)
    {
        var pools = new Command("pools", "Pools of warm containers");

        pools.Subcommands.Add(new Command("list", "Every pool and its sizes").Run(session, async (cli, ct) =>
        {
            var all = await cli.Client.GetPoolsAsync(ct);
            cli.Write(all, output =>
            {
                var table = new TextTable("POOL", "IMAGE", "MIN", "MAX", "WARM", "CLAIMED", "STARTING", "UNHEALTHY", "LAST ERROR");
                foreach (var p in all)
                {
                    table.Add(p.Id, p.Image, p.MinSize, p.MaxSize, p.Warm, p.Claimed, p.Starting, p.Unhealthy, p.LastError);
                }

                table.WriteTo(output);
            });
        }));

        var poolId = new Argument<string>("pool") { Description = "The pool id" };
        pools.Subcommands.Add(new Command("show", "A pool's sizes and containers").With(poolId).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(poolId)!;
            var pool = await cli.Client.GetPoolAsync(id, ct);
            var containers = await cli.Client.GetPoolContainersAsync(id, ct);
            cli.Write(new { pool, containers }, output =>
            {
                output.WriteLine($"Pool {pool.Id} ({pool.Image}): {pool.Warm} warm, {pool.Claimed} claimed, {pool.Starting} starting, {pool.Unhealthy} unhealthy (min {pool.MinSize}, max {pool.MaxSize})");
                if (pool.LastError is { } error)
                {
                    output.WriteLine($"Last error: {error}");
                }

                var table = new TextTable("CONTAINER", "STATUS", "TENANT", "HOST", "CREATED");
                foreach (var c in containers)
                {
                    table.Add(c.ContainerId is { Length: > 12 } cid ? cid[..12] : c.ContainerId ?? c.Name, c.Status, c.TenantId, c.HostId, c.CreatedAt);
                }

                table.WriteTo(output);
            });
        }));
        return pools;
    }
}
