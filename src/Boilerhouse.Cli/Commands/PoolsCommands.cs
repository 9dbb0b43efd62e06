using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse pools list|show|scale|pause|resume|drain</c>.</summary>
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
                output.WriteLine($"Pool {pool.Id} ({pool.Image}): {pool.Warm} warm, {pool.Claimed} claimed, {pool.Starting} starting, {pool.Unhealthy} unhealthy, {pool.Waiting} claims waiting (min {pool.MinSize}, max {pool.MaxSize})");
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
        var min = new Option<int?>("--min") { Description = "The new min_size (warm containers kept ready)" };
        var max = new Option<int?>("--max") { Description = "The new max_size (containers at most)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until the pool has min_size warm containers (or its max_size allows no more)" };
        pools.Subcommands.Add(new Command("scale", "Changes a pool's sizes at once; written back to its workload file").With(poolId, min, max, wait).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(poolId)!;
            if (cli.Value(min) is null && cli.Value(max) is null)
            {
                throw new CliUsageException("Give --min, --max or both.");
            }

            var pool = await cli.Client.ScalePoolAsync(id, cli.Value(min), cli.Value(max), ct);
            if (cli.Value(wait))
            {
                pool = await cli.WithProgressAsync($"Warming {id} to {pool.MinSize}", () => WaitWarmAsync(cli, id, ct));
            }

            WritePool(cli, pool);
        }));
        foreach (var (action, description) in new[]
        {
            ("pause", "Stops refilling a pool (warm containers are still handed out) until resumed or the server restarts"),
            ("resume", "Refills a paused or drained pool again"),
            ("drain", "Pauses a pool and removes its warm containers; claimed ones stay until released"),
        })
        {
            pools.Subcommands.Add(new Command(action, description).With(poolId).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(poolId)!;
                var pool = action switch
                {
                    "pause" => await cli.Client.PausePoolAsync(id, ct),
                    "resume" => await cli.Client.ResumePoolAsync(id, ct),
                    _ => await cli.Client.DrainPoolAsync(id, ct),
                };
                WritePool(cli, pool);
            }));
        }

        return pools;
    }

    private static void WritePool(CliContext cli, Pool pool) =>
        cli.Write(pool, output => output.WriteLine(
            $"Pool {pool.Id}: min {pool.MinSize}, max {pool.MaxSize}; {pool.Warm} warm, {pool.Claimed} claimed, {pool.Starting} starting{(pool.Paused ? "; refill paused" : "")}"));

    private static async Task<Pool> WaitWarmAsync(CliContext cli, string poolId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var pool = await cli.Client.GetPoolAsync(poolId, cancellationToken);
            if (pool.Warm >= pool.MinSize || pool.Total >= pool.MaxSize)
            {
                return pool;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
