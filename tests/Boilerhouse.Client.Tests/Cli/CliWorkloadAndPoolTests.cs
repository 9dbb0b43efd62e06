using System.Text.Json.Nodes;
using Boilerhouse.Client.Tests.Infrastructure;
using Boilerhouse.Client;
using Boilerhouse.Testing;

namespace Boilerhouse.Client.Tests.Cli;

/// <summary>Operating workloads and pools with the boilerhouse command and the client, against the real host.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class CliWorkloadAndPoolTests(ClientHost host)
{
    private const string Id = "client-applied";

    private Task<CliResult> RunAsync(params string[] args) =>
        CliRun.RunAsync(new Dictionary<string, string> { ["BOILERHOUSE_URL"] = host.Url.ToString(), ["BOILERHOUSE_KEY"] = host.AdminKey }, args);

    [Fact]
    public async Task A_workload_applied_from_a_file_runs_is_scaled_paused_and_deleted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Id}-{Guid.NewGuid():N}.yaml");
        using var client = host.Admin();
        try
        {
            // Given a workload file applied with the CLI: its pool warms
            await File.WriteAllTextAsync(file, new WorkloadYaml(Id) { MinSize = 1, MaxSize = 2 }.ToString());
            var created = await RunAsync("workloads", "apply", "-f", file, "--json");
            Assert.True(created.ExitCode == 0, created.Error);
            await ClientHost.WaitForWarmAsync(client, Id);

            // When the file changes and is applied again, the running workload is replaced
            await File.WriteAllTextAsync(file, new WorkloadYaml(Id) { MinSize = 1, MaxSize = 3 }.ToString());
            Assert.Equal(0, (await RunAsync("workloads", "apply", "-f", file)).ExitCode);
            Assert.Equal(3, (await client.GetPoolAsync(Id)).MaxSize);

            // Scaling waits until the new min_size is warm, and the file says so
            var scaled = await RunAsync("pools", "scale", Id, "--min", "2", "--wait", "--json");
            Assert.True(scaled.ExitCode == 0, scaled.Error);
            Assert.Equal(2, scaled.Json()["warm"]!.GetValue<int>());
            Assert.Contains("min_size: 2", (await client.GetWorkloadAsync(Id)).Yaml, StringComparison.Ordinal);

            // Sizes that do not fit exit 1 with the server's code and change nothing
            var refused = await RunAsync("pools", "scale", Id, "--min", "5", "--json");
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal("INVALID_WORKLOAD_SPEC", JsonNode.Parse(refused.Error)!["code"]!.GetValue<string>());
            Assert.Equal((2, 3), ((await client.GetPoolAsync(Id)).MinSize, (await client.GetPoolAsync(Id)).MaxSize));
            Assert.Equal(2, (await RunAsync("pools", "scale", Id)).ExitCode);

            // Pause and resume say so; delete removes the workload and its pool
            Assert.True((await client.PausePoolAsync(Id)).Paused);
            Assert.False((await client.ResumePoolAsync(Id)).Paused);
            Assert.Equal(0, (await RunAsync("workloads", "delete", Id)).ExitCode);
            var gone = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => client.GetPoolAsync(Id));
            Assert.Equal("POOL_NOT_FOUND", gone.Code);
        }
        finally
        {
            // Other tests of this host count its pools: leave none behind.
            try
            {
                await client.DeleteWorkloadAsync(Id, force: true);
            }
            catch (BoilerhouseRequestException e) when (e.Code == "WORKLOAD_NOT_FOUND")
            {
            }

            File.Delete(file);
        }
    }
}
