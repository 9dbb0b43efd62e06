using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.Client.Tests.Cli;

/// <summary>The operator commands that landed with exec, files and the containers admin: tenants list|exec|files, containers list|show|logs|exec|rm, stats.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class CliShellAndContainerTests(ClientHost host)
{
    private Dictionary<string, string> Env => new() { ["BOILERHOUSE_URL"] = host.Url.ToString(), ["BOILERHOUSE_KEY"] = host.AdminKey };

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Env, args);

    [Fact]
    public async Task Tenants_exec_prints_the_commands_output_and_exits_3_when_it_fails()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "cli-exec");

        var ok = await RunAsync("tenants", "exec", held.TenantId, "--", "sh", "-c", "echo out-$((2*3)); echo err >&2");
        var failed = await RunAsync("tenants", "exec", held.TenantId, "--json", "--", "sh", "-c", "echo partial; exit 4");
        var timedOut = await RunAsync("tenants", "exec", held.TenantId, "--timeout", "1", "--", "sleep", "30");
        var nobody = await RunAsync("tenants", "exec", "cli-exec-nobody", "--", "true");
        var noCommand = await RunAsync("tenants", "exec", held.TenantId);

        Assert.Equal((0, "out-6\n", "err\n"), (ok.ExitCode, ok.Out, ok.Error));
        Assert.Equal(3, failed.ExitCode);
        Assert.Equal(4, failed.Json()["exitCode"]!.GetValue<long>());
        Assert.Equal("partial\n", failed.Json()["stdout"]!.GetValue<string>());
        Assert.Equal(3, timedOut.ExitCode);
        Assert.Contains("timed out", timedOut.Error);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("TENANT_NOT_FOUND", nobody.Error);
        Assert.Equal(2, noCommand.ExitCode);
    }

    [Fact]
    public async Task Tenants_files_put_get_ls_and_rm_move_bytes_unchanged()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "cli-files");
        var folder = Directory.CreateTempSubdirectory("boilerhouse-cli-files-").FullName;
        var source = Path.Combine(folder, "in.bin");
        var copy = Path.Combine(folder, "out.bin");
        var bytes = RandomNumberGenerator.GetBytes(100_000);
        await File.WriteAllBytesAsync(source, bytes);

        var put = await RunAsync("tenants", "files", "put", held.TenantId, "docs/in.bin", source);
        var get = await RunAsync("tenants", "files", "get", held.TenantId, "docs/in.bin", "-o", copy);
        var asJson = await RunAsync("tenants", "files", "get", held.TenantId, "docs/in.bin", "--json");
        var ls = await RunAsync("tenants", "files", "ls", held.TenantId, "docs", "--json");
        var rm = await RunAsync("tenants", "files", "rm", held.TenantId, "docs/in.bin");
        var gone = await RunAsync("tenants", "files", "get", held.TenantId, "docs/in.bin", "-o", copy + ".2");
        var refused = await RunAsync("tenants", "files", "put", held.TenantId, "../escape.bin", source);

        Assert.Equal(0, put.ExitCode);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(copy));
        Assert.Equal(bytes, Convert.FromBase64String(asJson.Json()["contentBase64"]!.GetValue<string>()));
        var entry = Assert.Single(ls.Json()["entries"]!.AsArray());
        Assert.Equal(("in.bin", 100_000L), (entry!["name"]!.GetValue<string>(), entry["size"]!.GetValue<long>()));
        Assert.Equal(0, rm.ExitCode);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("CONTAINER_PATH_NOT_FOUND", gone.Error);
        Assert.False(File.Exists(copy + ".2"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("PATH_REFUSED", refused.Error);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Containers_list_json_show_exec_and_rm_of_a_held_container()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "cli-ctr");

        var list = await RunAsync("containers", "list", "--pool", ClientHost.Pool, "--json");
        var table = await RunAsync("containers", "list", "--tenant", held.TenantId);
        var show = await RunAsync("containers", "show", held.ContainerId, "--json");
        var exec = await RunAsync("containers", "exec", held.ContainerId, "--json", "--", "sh", "-c", "echo in-$((5+5)); exit 2");
        var rm = await RunAsync("containers", "rm", held.ContainerId, "--json");
        var badState = await RunAsync("containers", "list", "--state", "sleepy");

        Assert.Equal(0, list.ExitCode);
        var mine = Assert.Single(list.Json().AsArray(), c => c!["containerId"]?.GetValue<string>() == held.ContainerId);
        Assert.Equal(("claimed", held.TenantId), (mine!["state"]!.GetValue<string>(), mine["tenantId"]!.GetValue<string>()));
        Assert.StartsWith("CONTAINER", table.Out);
        Assert.Contains(held.ContainerId[..12], table.Out);
        Assert.Equal(held.TenantId, show.Json()["tenantId"]!.GetValue<string>());
        Assert.Equal(3, exec.ExitCode);
        Assert.Equal(2, exec.Json()["exitCode"]!.GetValue<long>());
        Assert.Equal("in-10\n", exec.Json()["stdout"]!.GetValue<string>());
        Assert.Equal(0, rm.ExitCode);
        Assert.True(rm.Json()["released"]!.GetValue<bool>());
        Assert.Null(await DockerProbe.InspectAsync(held.ContainerId));
        Assert.Equal(1, badState.ExitCode);
        Assert.Contains("INVALID_REQUEST", badState.Error);
    }

    [Fact]
    public async Task Containers_exec_in_a_warm_container_goes_through_a_terminal()
    {
        using var client = host.Admin();
        await ClientHost.WaitForWarmAsync(client, ClientHost.ScarcePool);
        var warm = (await client.GetPoolContainersAsync(ClientHost.ScarcePool)).First(c => c.Status == "warm");

        var exec = await RunAsync("containers", "exec", warm.ContainerId!, "--json", "--", "sh", "-c", "sleep 1; echo warm-$((3+4)); exit 6");

        // Exit 3 either way; the code itself can be lost with the terminal's exit message (a server bug, reported).
        Assert.Equal(3, exec.ExitCode);
        Assert.Contains("warm-7", exec.Json()["stdout"]!.GetValue<string>());
        Assert.True(exec.Json()["exitCode"] is null || exec.Json()["exitCode"]!.GetValue<long>() == 6, exec.Out);
    }

    [Fact]
    public async Task Tenants_list_containers_logs_and_stats_print_json()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.Pool, "cli-list");
        await client.ExecAsync(held.TenantId, ["sh", "-c", "echo cli-log-line > /proc/1/fd/1"]);

        var tenants = await RunAsync("tenants", "list", "--pool", ClientHost.Pool, "--json");
        var logs = await RunAsync("containers", "logs", held.ContainerId, "--tail", "5");
        var stats = await RunAsync("stats", "--json");
        var commands = await RunAsync("tenants", "commands", held.TenantId, "--json");

        Assert.Contains(tenants.Json().AsArray(), t => t!["tenantId"]!.GetValue<string>() == held.TenantId);
        Assert.Contains("cli-log-line", logs.Out);
        Assert.Equal(3, stats.Json()["pools"]!.GetValue<int>());
        Assert.Equal("exec", Assert.Single(commands.Json().AsArray())!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Release_no_sync_says_the_state_was_not_saved()
    {
        using var client = host.Admin();
        await using var held = await HeldContainer.ClaimAsync(client, ClientHost.SyncedPool, "cli-nosync");

        var release = await RunAsync("tenants", "release", held.TenantId, "--no-sync");

        Assert.Equal(0, release.ExitCode);
        Assert.Contains("state not saved", release.Out);
    }
}
