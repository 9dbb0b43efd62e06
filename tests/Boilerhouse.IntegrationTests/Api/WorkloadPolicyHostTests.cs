using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>
/// The host holds workload files to its policy settings: a weakening the settings allow loads, one they
/// do not is reported (file, line, field, and the setting that would allow it) while the others load.
/// </summary>
public sealed class WorkloadPolicyHostTests : IAsyncLifetime
{
    private readonly string _rooted = $"root-{Guid.NewGuid():N}"[..16];
    private readonly string _hostNetwork = $"hostnet-{Guid.NewGuid():N}"[..16];
    private BoilerhouseApp _app = null!;

    public Task InitializeAsync()
    {
        // min_size 0: nothing is warmed, this is about loading the files only.
        string Workload(string id, string weakening) => $$"""
            x-boilerhouse: { id: {{id}}, pool: { min_size: 0, max_size: 1 } }
            image: {{TestWorkloads.Image}}
            command: ["sleep", "3600"]
            {{weakening}}
            """;
        _app = BoilerhouseApp.Start(
            new Dictionary<string, string>
            {
                [$"{_rooted}.yaml"] = Workload(_rooted, "user: root\nnetwork_mode: none"),
                [$"{_hostNetwork}.yaml"] = Workload(_hostNetwork, "network_mode: host"),
            },
            new Dictionary<string, string> { ["BOILERHOUSE_ALLOW_ROOT"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Host_loads_what_its_settings_allow_and_reports_what_they_do_not()
    {
        var health = await _app.Client.GetJsonAsync("/api/v1/health");

        var loaded = health["workloads"]!["loaded"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal([_rooted], loaded);
        var error = health["workloads"]!["errors"]!.AsArray().Single()!;
        Assert.EndsWith($"{_hostNetwork}.yaml", error.Str("file"), StringComparison.Ordinal);
        Assert.Equal("network_mode", error.Str("field"));
        Assert.Equal(4, error.Int("line"));
        Assert.Contains("BOILERHOUSE_ALLOW_HOST_NETWORK", error.Str("message"), StringComparison.Ordinal);
    }
}
