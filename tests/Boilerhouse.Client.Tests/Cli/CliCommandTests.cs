using System.Diagnostics;
using System.Text.Json.Nodes;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.Client.Tests.Cli;

/// <summary>The boilerhouse command against the real host: --json for scripts, tables for people, exit codes 0, 1 (API error with its code) and 2 (usage).</summary>
[Collection(ClientHostCollection.Name)]
public sealed class CliCommandTests(ClientHost host)
{
    private Dictionary<string, string> Env => new() { ["BOILERHOUSE_URL"] = host.Url.ToString(), ["BOILERHOUSE_KEY"] = host.AdminKey };

    private Task<CliResult> RunAsync(params string[] args) => CliRun.RunAsync(Env, args);

    [Fact]
    public async Task Tenants_claim_show_and_release_print_json_for_scripts()
    {
        var claim = await RunAsync("tenants", "claim", "cli-alice", "--pool", ClientHost.Pool, "--config-json", """{"greeting":"hi"}""", "--secret", "token=s3cret", "--json");
        Assert.Equal(0, claim.ExitCode);
        var containerId = claim.Json()["containerId"]!.GetValue<string>();
        Assert.True((await DockerProbe.InspectAsync(containerId))!.State.Running);
        Assert.DoesNotContain("s3cret", claim.Out);

        var show = await RunAsync("tenants", "show", "cli-alice", "--json");
        Assert.Equal(0, show.ExitCode);
        Assert.Equal("claimed", show.Json()["status"]!.GetValue<string>());
        Assert.Equal(containerId, show.Json()["containerId"]!.GetValue<string>());

        var release = await RunAsync("tenants", "release", "cli-alice", "--json");
        Assert.Equal(0, release.ExitCode);
        Assert.Equal(containerId, release.Json()["containerId"]!.GetValue<string>());
        Assert.Null(await DockerProbe.InspectAsync(containerId));
    }

    [Fact]
    public async Task Pools_list_prints_a_table_for_people_and_json_for_scripts()
    {
        var table = await RunAsync("pools", "list");
        var json = await RunAsync("pools", "list", "--json");
        var show = await RunAsync("pools", "show", ClientHost.Pool);

        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("POOL", table.Out);
        Assert.Contains(ClientHost.ScarcePool, table.Out);
        Assert.Contains(json.Json().AsArray(), p => p!["id"]!.GetValue<string>() == ClientHost.Pool);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"Pool {ClientHost.Pool}", show.Out);
        Assert.Contains("warm", show.Out);
    }

    [Fact]
    public async Task Api_error_exits_1_and_prints_its_code()
    {
        var result = await RunAsync("tenants", "claim", "cli-bob", "--pool", "no-such-pool");
        var json = await RunAsync("tenants", "claim", "cli-bob", "--pool", "no-such-pool", "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("POOL_NOT_FOUND", result.Error);
        Assert.Equal(1, json.ExitCode);
        Assert.Equal("POOL_NOT_FOUND", JsonNode.Parse(json.Error)!["code"]!.GetValue<string>());
        Assert.Equal(404, JsonNode.Parse(json.Error)!["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("tenants", "claim", "cli-carol")]
    [InlineData("tenants", "frobnicate")]
    [InlineData("pools")]
    [InlineData("keys", "create", "--name", "x", "--role", "emperor")]
    [InlineData("tenants", "claim", "cli-carol", "--pool", "p", "--config-json", "[1]")]
    public async Task Wrong_command_line_exits_2(params string[] args)
    {
        var result = await RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage:", result.Error);
    }

    [Fact]
    public async Task Url_and_key_come_from_options_over_the_environment_over_the_config_file()
    {
        var config = Path.Combine(Directory.CreateTempSubdirectory("boilerhouse-cli-").FullName, "config.json");
        await File.WriteAllTextAsync(config, new JsonObject { ["url"] = host.Url.ToString(), ["key"] = host.AdminKey }.ToJsonString());

        var fromFile = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_CONFIG"] = config }, "pools", "list", "--json");
        var badEnvironmentKey = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_CONFIG"] = config, ["BOILERHOUSE_KEY"] = "wrong-key-wrong-key-wrong-key-wrong-key" }, "pools", "list");
        var optionWins = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_CONFIG"] = config, ["BOILERHOUSE_KEY"] = "wrong-key-wrong-key-wrong-key-wrong-key" },
            "pools", "list", "--key", host.AdminKey);
        var noKey = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_URL"] = host.Url.ToString() }, "pools", "list");

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(1, badEnvironmentKey.ExitCode);
        Assert.Contains("UNAUTHENTICATED", badEnvironmentKey.Error);
        Assert.Equal(0, optionWins.ExitCode);
        Assert.Equal(1, noKey.ExitCode);
        Assert.Contains("UNAUTHENTICATED", noKey.Error);
    }

    [Fact]
    public async Task Keys_create_list_and_revoke()
    {
        var created = await RunAsync("keys", "create", "--name", "cli key", "--role", "tenant", "--tenant", "cli-*", "--json");
        Assert.Equal(0, created.ExitCode);
        var id = created.Json()["id"]!.GetValue<string>();
        var secret = created.Json()["key"]!.GetValue<string>();
        var asTenant = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_URL"] = host.Url.ToString(), ["BOILERHOUSE_KEY"] = secret },
            "tenants", "show", "cli-dave", "--json");
        Assert.Equal(0, asTenant.ExitCode);

        var list = await RunAsync("keys", "list", "--json");
        Assert.Contains(list.Json().AsArray(), k => k!["id"]!.GetValue<string>() == id);
        Assert.DoesNotContain(secret, list.Out);

        Assert.Equal(0, (await RunAsync("keys", "revoke", id)).ExitCode);
        var revoked = await CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_URL"] = host.Url.ToString(), ["BOILERHOUSE_KEY"] = secret },
            "tenants", "show", "cli-dave");
        Assert.Equal(1, revoked.ExitCode);
        Assert.Contains("UNAUTHENTICATED", revoked.Error);
    }

    [Fact]
    public async Task Hosts_list_cordon_and_uncordon()
    {
        var list = await RunAsync("hosts", "list", "--json");
        var hostId = list.Json().AsArray()[0]!["id"]!.GetValue<string>();

        var cordoned = await RunAsync("hosts", "cordon", hostId, "--json");
        var uncordoned = await RunAsync("hosts", "uncordon", hostId, "--json");
        var missing = await RunAsync("hosts", "drain", "no-such-host");

        Assert.True(cordoned.Json()["cordoned"]!.GetValue<bool>());
        Assert.False(uncordoned.Json()["cordoned"]!.GetValue<bool>());
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("HOST_NOT_FOUND", missing.Error);
    }

    [Fact]
    public async Task Orchestrations_list_show_and_purge_and_events_replay_the_claim()
    {
        Assert.Equal(0, (await RunAsync("tenants", "claim", "cli-erin", "--pool", ClientHost.Pool)).ExitCode);
        Assert.Equal(0, (await RunAsync("tenants", "release", "cli-erin")).ExitCode);

        var list = await RunAsync("orchestrations", "list", "--tenant", "cli-erin", "--json");
        var instances = list.Json().AsArray();
        Assert.Equal(["release", "claim"], instances.Select(i => i!["name"]!.GetValue<string>()));
        var claimId = instances[1]!["instanceId"]!.GetValue<string>();
        var show = await RunAsync("orchestrations", "show", claimId);
        Assert.Contains("Completed", show.Out);
        Assert.Contains("STEP", show.Out);

        var events = await RunAsync("events", "--tenant", "cli-erin", "--type", "container.claimed", "--after", "0", "--count", "1", "--json");
        Assert.Equal(0, events.ExitCode);
        Assert.Equal("container.claimed", JsonNode.Parse(events.Out.Trim())!["type"]!.GetValue<string>());

        Assert.Equal(0, (await RunAsync("orchestrations", "purge", claimId)).ExitCode);
        var gone = await RunAsync("orchestrations", "show", claimId);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("ORCHESTRATION_NOT_FOUND", gone.Error);
        var terminateFinished = await RunAsync("orchestrations", "terminate", instances[0]!["instanceId"]!.GetValue<string>());
        Assert.Equal(1, terminateFinished.ExitCode);
        Assert.Contains("ORCHESTRATION_FINISHED", terminateFinished.Error);
    }

    [Fact]
    public async Task Tool_runs_as_its_own_process_with_the_environment()
    {
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "boilerhouse.dll"), "pools", "list", "--json"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["BOILERHOUSE_URL"] = host.Url.ToString();
        info.Environment["BOILERHOUSE_KEY"] = host.AdminKey;
        info.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains(JsonNode.Parse(await output)!.AsArray(), p => p!["id"]!.GetValue<string>() == ClientHost.Pool);
    }
}
