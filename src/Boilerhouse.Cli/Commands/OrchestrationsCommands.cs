using System.CommandLine;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse orchestrations list|show|terminate|purge</c>.</summary>
internal static class OrchestrationsCommands
{
    public static Command Create(CliSession session)
    {
        var orchestrations = new Command("orchestrations", "Claim, release and sync instances");

        var status = new Option<string[]>("--status") { Description = "Runtime statuses (Running, Failed, ...), repeatable" };
        var name = new Option<string?>("--name") { Description = "claim, release or sync" };
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's instances" };
        var top = new Option<int>("--top") { Description = "At most this many (newest first)", DefaultValueFactory = _ => 50 };
        orchestrations.Subcommands.Add(new Command("list", "Instances, newest first").With(status, name, tenant, top).Run(session, async (cli, ct) =>
        {
            var query = new OrchestrationQuery
            {
                RuntimeStatus = cli.Value(status) is { Length: > 0 } s ? s : null,
                Name = cli.Value(name),
                TenantId = cli.Value(tenant),
                PageSize = Math.Clamp(cli.Value(top), 1, 1000),
            };
            var found = new List<OrchestrationInstance>();
            await foreach (var instance in cli.Client.GetOrchestrationsAsync(query, ct))
            {
                found.Add(instance);
                if (found.Count >= cli.Value(top))
                {
                    break;
                }
            }

            cli.Write(found, output =>
            {
                var table = new TextTable("INSTANCE", "NAME", "STATUS", "TENANT", "POOL", "CREATED", "ERROR");
                foreach (var o in found)
                {
                    table.Add(o.InstanceId, o.Name, o.RuntimeStatus, o.TenantId, o.PoolId, o.CreatedTime, o.Error?.Code);
                }

                table.WriteTo(output);
            });
        }));

        var instanceId = new Argument<string>("instance") { Description = "The instance id" };
        orchestrations.Subcommands.Add(new Command("show", "One instance with its steps").With(instanceId).Run(session, async (cli, ct) =>
        {
            var o = await cli.Client.GetOrchestrationAsync(cli.Value(instanceId)!, ct);
            cli.Write(o, output =>
            {
                output.WriteLine($"{o.InstanceId}: {o.Name} of {o.TenantId ?? "-"} ({o.PoolId ?? "-"}) {o.RuntimeStatus}{(o.Error is { } e ? $" {e.Code}: {e.Message}" : "")}");
                var steps = new TextTable("STEP", "ATTEMPT", "OUTCOME", "MS", "ERROR");
                foreach (var step in o.Steps ?? [])
                {
                    steps.Add(step.Name, step.Attempt, step.Outcome, Math.Round(step.DurationMs), step.Error);
                }

                steps.WriteTo(output);
            });
        }));

        var reason = new Option<string?>("--reason") { Description = "Why (recorded on the instance)" };
        orchestrations.Subcommands.Add(new Command("terminate", "Terminates a running instance").With(instanceId, reason).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(instanceId)!;
            await cli.Client.TerminateOrchestrationAsync(id, cli.Value(reason), ct);
            cli.Write(new { instanceId = id, terminated = true }, output => output.WriteLine($"Termination of {id} requested"));
        }));

        var optionalInstance = new Argument<string?>("instance") { Description = "A finished instance to purge", Arity = ArgumentArity.ZeroOrOne };
        var createdTo = new Option<DateTimeOffset?>("--created-to") { Description = "Purge every finished instance created up to this time (ISO 8601)" };
        orchestrations.Subcommands.Add(new Command("purge", "Deletes the history of a finished instance, or of all up to --created-to")
            .With(optionalInstance, createdTo).Run(session, async (cli, ct) =>
            {
                int deleted;
                if (cli.Value(optionalInstance) is { Length: > 0 } id)
                {
                    await cli.Client.PurgeOrchestrationAsync(id, ct);
                    deleted = 1;
                }
                else
                {
                    var to = cli.Value(createdTo) ?? throw new CliUsageException("Give an instance id or --created-to.");
                    deleted = await cli.Client.PurgeOrchestrationHistoryAsync(to, ct);
                }

                cli.Write(new { instancesDeleted = deleted }, output => output.WriteLine($"{deleted} instance(s) purged"));
            }));
        return orchestrations;
    }
}
