using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse events</c>: follows the live event stream until Ctrl+C (or --count events).</summary>
internal static class EventsCommand
{
    public static Command Create(CliSession session)
    {
        var types = new Option<string[]>("--type") { Description = "An event type or family (container.claimed, sync.*), repeatable" };
        var pool = new Option<string?>("--pool") { Description = "Only this pool's events" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's events" };
        var after = new Option<long?>("--after") { Description = "Replay the buffered events after this id first" };
        var count = new Option<int?>("--count") { Description = "Stop after this many events" };
        return new Command("events", "Follows live events (one JSON object per line with --json)")
            .With(types, pool, tenant, after, count).Run(session, async (cli, ct) =>
            {
                var filter = new EventFilter
                {
                    Types = cli.Value(types) is { Length: > 0 } t ? t : null,
                    PoolId = cli.Value(pool),
                    TenantId = cli.Value(tenant),
                    LastEventId = cli.Value(after),
                };
                var left = cli.Value(count);
                if (left is 0)
                {
                    return;
                }

                try
                {
                    await foreach (var e in cli.Client.StreamEventsAsync(filter, ct))
                    {
                        if (cli.Json)
                        {
                            JsonOutput.WriteLine(cli.Out, e);
                        }
                        else
                        {
                            cli.Out.WriteLine($"{e.Id}  {e.Time.ToUniversalTime():HH:mm:ss.fff}  {e.Type,-24}  pool={e.PoolId ?? "-"}  tenant={e.TenantId ?? "-"}  container={Short(e.ContainerId)}");
                        }

                        await cli.Out.FlushAsync(ct);
                        if (--left == 0)
                        {
                            return;
                        }
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C ends a follow: that is success.
                }
            });
    }

    private static string Short(string? id) => id is { Length: > 12 } ? id[..12] : id ?? "-";
}
