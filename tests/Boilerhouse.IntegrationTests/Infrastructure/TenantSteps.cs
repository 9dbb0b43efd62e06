using System.Net;
using Boilerhouse.Core.Containers;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>Steps the state tests take again and again, each asserting it worked.</summary>
public static class TenantSteps
{
    /// <summary>Claims (waiting for the result) and answers the container's id.</summary>
    public static async Task<string> ClaimOkAsync(this HttpClient api, string tenant, string pool)
    {
        var (response, body) = await api.ClaimAsync(tenant, new { poolId = pool });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.Str("containerId");
    }

    public static async Task ReleaseOkAsync(this HttpClient api, string tenant)
    {
        var (response, body) = await api.ReleaseAsync(tenant);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
    }

    public static async Task ExecOkAsync(this IContainerRuntime runtime, string containerId, string script)
    {
        var result = await runtime.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{script}: {result.Stdout}{result.Stderr}");
    }

    /// <summary>Every file under /state with its SHA-256, sorted by path.</summary>
    public static async Task<List<string>> StateHashesAsync(this IContainerRuntime runtime, string containerId)
    {
        var result = await runtime.ExecAsync(containerId, ["sh", "-c", "cd /state && find . -type f | sort | xargs -r sha256sum"], CancellationToken.None);
        Assert.Equal(0, result.ExitCode);
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}
