using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Boilerhouse.Cli.Output;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Cli.Commands;

/// <summary><c>boilerhouse tenants list|show|claim|release|sync|exec|files|commands|verify</c>.</summary>
internal static class TenantsCommands
{
    public static Command Create(CliSession session)
    {
        var tenants = new Command("tenants", "Tenants and their containers");
        var tenantId = new Argument<string>("tenant") { Description = "The tenant id" };

        tenants.Subcommands.Add(TenantListCommand.Create(session));
        tenants.Subcommands.Add(new Command("show", "Where a tenant stands: status, container, host, sync").With(tenantId).Run(session, async (cli, ct) =>
        {
            var status = await cli.Client.GetTenantStatusAsync(cli.Value(tenantId)!, ct);
            cli.Write(status, output => new TextTable("TENANT", "STATUS", "POOL", "CONTAINER", "HOST", "HOST STATUS", "CLAIMED", "LAST ACTIVITY")
                .Add(status.TenantId, status.Status, status.PoolId, status.ContainerId, status.HostId, status.HostStatus, status.ClaimedAt, status.LastActivityAt)
                .WriteTo(output));
        }));

        var pool = new Option<string>("--pool") { Description = "The pool to claim from", Required = true };
        var config = new Option<string?>("--config-json") { Description = "The tenant's config as a JSON object (written to config.json)" };
        var secrets = new Option<string[]>("--secret") { Description = "A secret as name=value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var key = new Option<string?>("--idempotency-key") { Description = "Makes a repeated command one claim (default: one per run)" };
        tenants.Subcommands.Add(new Command("claim", "Claims a warm container for a tenant; waits until it is handed over")
            .With(tenantId, pool, config, secrets, key).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(tenantId)!;
                var request = new ClaimRequest(cli.Value(pool)!)
                {
                    Config = ParseConfig(cli.Value(config)),
                    Secrets = Pairs.Parse("--secret", cli.Value(secrets)),
                    IdempotencyKey = cli.Value(key),
                };
                var claim = await cli.WithProgressAsync($"Claiming a {request.PoolId} container for {id}", () => cli.Client.ClaimAsync(id, request, ct));
                cli.Write(claim, output =>
                {
                    output.WriteLine($"{(claim.Existing ? "Already held" : "Claimed")}: container {claim.ContainerId} of pool {claim.PoolId} for {claim.TenantId}");
                    output.WriteLine($"Address: {claim.Endpoints.IpAddress ?? "-"}");
                    foreach (var port in claim.Endpoints.Ports)
                    {
                        output.WriteLine($"Port {port.ContainerPort}/{port.Protocol} -> {port.HostIp}:{port.HostPort}");
                    }
                });
            }));

        var noSync = new Option<bool>("--no-sync") { Description = "Destroy the container without saving the tenant's state (it is lost)" };
        tenants.Subcommands.Add(new Command("release", "Saves a tenant's state and destroys its container; waits until done")
            .With(tenantId, key, noSync).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(tenantId)!;
                var options = new ReleaseOptions { Sync = !cli.Value(noSync), IdempotencyKey = cli.Value(key) };
                var release = await cli.WithProgressAsync($"Releasing {id}", () => cli.Client.ReleaseAsync(id, options, ct));
                cli.Write(release, output => output.WriteLine(
                    $"Released {release.TenantId}: container {release.ContainerId} of pool {release.PoolId} destroyed{(release.SyncSkipped ? " (state not saved)" : "")}"));
            }));

        var direction = new Option<SyncDirection>("--direction") { Description = "both, upload or download", DefaultValueFactory = _ => SyncDirection.Both };
        tenants.Subcommands.Add(new Command("sync", "Syncs a tenant's state now; waits until done")
            .With(tenantId, direction, key).Run(session, async (cli, ct) =>
            {
                var id = cli.Value(tenantId)!;
                var run = await cli.WithProgressAsync($"Syncing {id}", () => cli.Client.SyncAsync(id, cli.Value(direction), cli.Value(key), ct));
                cli.Write(run, output => output.WriteLine(
                    $"Synced {id} ({run.Direction}): {run.FilesTransferred} files, {run.BytesTransferred} bytes moved, {run.FilesSkipped} unchanged, {run.FilesDeleted} deleted{(run.Code is { } code ? $"; {code}" : "")}"));
            }));

        tenants.Subcommands.Add(ExecCommand.Create(session, tenantId));
        tenants.Subcommands.Add(TenantFilesCommands.Create(session, tenantId));
        tenants.Subcommands.Add(TenantCommandLogCommand.Create(session, tenantId));
        tenants.Subcommands.Add(TenantVerifyCommand.Create(session, tenantId));
        return tenants;
    }

    private static JsonObject? ParseConfig(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new CliUsageException("--config-json must be a JSON object, e.g. '{\"greeting\":\"hi\"}'.");
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"--config-json is not valid JSON: {e.Message}");
        }
    }
}
