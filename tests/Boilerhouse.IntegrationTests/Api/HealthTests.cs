using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

[Collection(DockerCollection.Name)]
public sealed class HealthTests(BoilerhouseFixture fixture)
{
    [Fact]
    public async Task Health_reports_docker_and_the_invalid_workload_file_while_others_load()
    {
        var (response, health) = await fixture.App.Client.SendJsonAsync(HttpMethod.Get, "/api/v1/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", health!.Str("status"));
        Assert.Equal("healthy", health["docker"]!.Str("status"));
        Assert.False(string.IsNullOrEmpty(health["docker"]!["hosts"]![0]!.Str("version")));
        var loaded = health["workloads"]!["loaded"]!.AsArray().Select(n => n!.GetValue<string>()).Order().ToList();
        Assert.Equal([TestWorkloads.Burst, TestWorkloads.Idle, TestWorkloads.Slow, TestWorkloads.Tiny, TestWorkloads.Web], loaded);
        var error = health["workloads"]!["errors"]!.AsArray().Single()!;
        Assert.EndsWith("broken.yaml", error.Str("file"), StringComparison.Ordinal);
        Assert.Equal("deploy.resources.limits.memory", error.Str("field"));
        Assert.Equal(6, error.Int("line"));
        var timers = health["timers"]!.AsArray().Select(t => t!.Str("name")).Order().ToList();
        Assert.Equal(["healthCheck", "hostHealth", "idleRelease", "orphanReaping", "periodicSync", "warmPools"], timers);
        Assert.All(health["timers"]!.AsArray(), t => Assert.True(t!.Int("runs") >= 1));
    }
}
