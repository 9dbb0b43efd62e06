using System.CommandLine;
using Boilerhouse.Cli.Output;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse workloads list|show|apply|delete</c>: workload files, read and written through the server.</summary>
internal static class WorkloadsCommands
{
    public static Command Create(CliSession session)
    {
        var workloads = new Command("workloads", "Workload files (the pools' specs)");
        workloads.Subcommands.Add(new Command("list", "Every workload, and the files that did not load").Run(session, async (cli, ct) =>
        {
            var all = await cli.Client.GetWorkloadsAsync(ct);
            cli.Write(all, output =>
            {
                var table = new TextTable("WORKLOAD", "IMAGE", "MIN", "MAX", "IDLE", "STALE", "FILE");
                foreach (var w in all.Workloads)
                {
                    table.Add(w.Id, w.Image, w.MinSize, w.MaxSize, w.IdleTimeout, w.Stale, w.File);
                }

                table.WriteTo(output);
                foreach (var e in all.Errors)
                {
                    output.WriteLine($"error: {e.File}{(e.Line is { } line ? $":{line}" : "")}: {e.Field}: {e.Message}");
                }
            });
        }));

        var workloadId = new Argument<string>("workload") { Description = "The workload id" };
        workloads.Subcommands.Add(new Command("show", "A workload's YAML file as it runs (--json: with its ETag)").With(workloadId).Run(session, async (cli, ct) =>
        {
            var document = await cli.Client.GetWorkloadAsync(cli.Value(workloadId)!, ct);
            cli.Write(document, output => output.Write(document.Yaml));
        }));

        var file = new Option<string>("--file", "-f") { Description = "The workload's YAML file", Required = true };
        workloads.Subcommands.Add(new Command("apply", "Creates the workload of a YAML file, or replaces it (its id is x-boilerhouse.id)").With(file).Run(session, async (cli, ct) =>
        {
            var path = cli.Value(file)!;
            var yaml = File.Exists(path) ? await File.ReadAllTextAsync(path, ct) : throw new CliUsageException($"'{path}' is not a file.");
            var id = WorkloadFileId.Read(yaml, path);
            var workload = await cli.Client.ApplyWorkloadAsync(id, yaml, ct);
            cli.Write(workload, output => output.WriteLine($"Applied {workload.Id} ({workload.Image}, min {workload.MinSize}, max {workload.MaxSize}) to {workload.File}"));
        }));

        var ifMatch = new Option<string?>("--if-match") { Description = "Only if the workload's ETag is still this one" };
        var force = new Option<bool>("--force") { Description = "Also while tenants hold its containers" };
        workloads.Subcommands.Add(new Command("delete", "Deletes a workload's file and its pool").With(workloadId, ifMatch, force).Run(session, async (cli, ct) =>
        {
            var id = cli.Value(workloadId)!;
            await cli.Client.DeleteWorkloadAsync(id, cli.Value(ifMatch), cli.Value(force), ct);
            cli.Write(new { id, deleted = true }, output => output.WriteLine($"Deleted {id}"));
        }));
        return workloads;
    }
}
