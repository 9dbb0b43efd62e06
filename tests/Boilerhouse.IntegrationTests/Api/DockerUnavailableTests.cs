using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>A host whose Docker engine cannot be reached: it starts, says so, and answers 503 with Retry-After.</summary>
public sealed class DockerUnavailableTests : IAsyncLifetime
{
    private BoilerhouseApp _app = null!;

    public Task InitializeAsync()
    {
        _app = BoilerhouseApp.Start(
            new Dictionary<string, string> { [$"{TestWorkloads.Tiny}.yaml"] = TestWorkloads.Files[$"{TestWorkloads.Tiny}.yaml"] },
            new Dictionary<string, string> { ["DOCKER_HOST"] = "unix:///tmp/boilerhouse-no-such-docker.sock" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Claim_when_docker_is_unreachable_answers_503_docker_unavailable()
    {
        var (response, problem) = await _app.Client.ClaimAsync("t-nodocker", new { poolId = TestWorkloads.Tiny });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("DOCKER_UNAVAILABLE", problem!.Str("code"));
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("boilerhouse-no-such-docker.sock", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_when_docker_is_unreachable_answers_503_unhealthy()
    {
        var (response, health) = await _app.Client.SendJsonAsync(HttpMethod.Get, "/api/v1/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("unhealthy", health!.Str("status"));
        Assert.Equal("unavailable", health["docker"]!.Str("status"));
    }
}
