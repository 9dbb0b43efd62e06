using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Api;

/// <summary>Secrets reach the container's secrets volume and nowhere else: not logs, not responses, not the database.</summary>
[Collection(DockerCollection.Name)]
public sealed class SecretHandlingTests(BoilerhouseFixture fixture)
{
    [Fact]
    public async Task Secret_values_never_appear_in_logs_responses_or_the_database()
    {
        var secret = $"sekret-{Guid.NewGuid():N}";
        var tenant = $"t-{Guid.NewGuid():N}"[..14];

        var (claim, body) = await fixture.App.Client.ClaimAsync(tenant, new
        {
            poolId = TestWorkloads.Web,
            config = new { greeting = "hi" },
            secrets = new Dictionary<string, string> { ["db-password"] = secret },
        });
        var orchestration = await fixture.App.Client.GetJsonAsync($"/api/v1/orchestrations/{body.Str("instanceId")}");
        var list = await fixture.App.Client.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}");
        var (release, _) = await fixture.App.Client.ReleaseAsync(tenant);

        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal(HttpStatusCode.OK, release.StatusCode);
        Assert.DoesNotContain(secret, body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, orchestration.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEmpty(fixture.App.Logs.Lines);
        Assert.DoesNotContain(fixture.App.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(fixture.App.Root, "data")))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OpenApi_document_describes_the_v1_api()
    {
        var document = await fixture.App.Client.GetJsonAsync("/api/v1/openapi.json");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/tenants/{tenantId}/claim", paths);
        Assert.Contains("/api/v1/orchestrations/{instanceId}", paths);
        Assert.Contains("/api/v1/pools", paths);
    }
}
