using System.Net;
using System.Text.Json.Nodes;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Access;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Shell;

/// <summary>
/// One keyed host for the exec, files and terminal tests: a busybox worker as nobody with a read-only
/// root, a state volume and a read-only secrets volume. Every test claims its own tenant.
/// </summary>
public sealed class ShellFixture : IAsyncLifetime
{
    public const string Pool = "it-shell";

    public string AdminKey { get; } = KeyedApi.NewAdminKey();

    public BoilerhouseApp App { get; private set; } = null!;

    public HttpClient Api => App.Client;

    public IContainerRuntime Runtime => App.Services.GetRequiredService<IContainerRuntime>();

    public Task InitializeAsync()
    {
        var workload = new WorkloadYaml(Pool)
        {
            MinSize = 2,
            MaxSize = 16,
            Volumes = [WorkloadYaml.Volume("state"), WorkloadYaml.Volume("secrets", readOnly: true)],
            HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
        };
        App = KeyedApi.StartWithAdminKey(AdminKey, new Dictionary<string, string> { [$"{Pool}.yaml"] = workload.ToString() });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Claims a new tenant with the admin key; answers the tenant and its container id.</summary>
    public async Task<(string Tenant, string ContainerId)> ClaimAsync(string prefix = "sh")
    {
        var tenant = KeyedApi.Unique(prefix);
        // A loaded engine may not start a container within the claim's wait (503 or 202): claim again, as a
        // client would, until a container is handed over; these tests are about what happens after that.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var (response, body) = await Api.SendAsync(AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/claim?waitMs=60000", new { poolId = Pool });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (tenant, body.Str("containerId"));
            }

            var retryable = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Accepted;
            Assert.True(retryable && DateTime.UtcNow < deadline, $"claim answered {(int)response.StatusCode}: {body}");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    public Task<(HttpResponseMessage Response, JsonNode Body)> ExecAsync(string tenant, object body, string? key = null) =>
        Api.SendAsync(key ?? AdminKey, HttpMethod.Post, $"/api/v1/tenants/{tenant}/exec", body);

    /// <summary>Runs a shell script in the container directly (not through the API), asserting it worked.</summary>
    public async Task<string> ShAsync(string containerId, string script)
    {
        var result = await Runtime.ExecAsync(containerId, ["sh", "-c", script], CancellationToken.None);
        Assert.True(result.ExitCode == 0, $"{script}: exit {result.ExitCode}: {result.Stdout}{result.Stderr}");
        return result.Stdout;
    }
}
