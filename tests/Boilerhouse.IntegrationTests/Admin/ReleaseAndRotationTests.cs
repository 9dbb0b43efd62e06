using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Admin;

/// <summary>Release {sync: false} skips the save on purpose and says so; a repeated claim rotates config and secrets in place.</summary>
[Collection(AdminCollection.Name)]
public sealed class ReleaseAndRotationTests(AdminFixture fixture)
{
    private HttpClient Api => fixture.Api;

    [Fact]
    public async Task Release_with_sync_false_skips_the_upload_and_records_that_it_did()
    {
        // Given a tenant whose saved state is "v1" while its container holds "v2"
        var tenant = AdminFixture.NewTenant();
        var first = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(first, "echo v1 > /state/version.txt");
        await Api.ReleaseOkAsync(tenant);
        var second = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(second, "echo v2 > /state/version.txt");

        // When it releases with sync: false
        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000", new { sync = false });

        // Then the sink is untouched, the answer and the instance say the upload was skipped, and the container is gone
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(body["syncSkipped"]!.GetValue<bool>());
        Assert.Equal("v1\n", await File.ReadAllTextAsync(fixture.SinkFile(tenant, "version.txt")));
        var instance = await Api.GetJsonAsync($"/api/v1/orchestrations/{body.Str("instanceId")}");
        Assert.False(instance["input"]!["sync"]!.GetValue<bool>());
        Assert.True(instance["output"]!["syncSkipped"]!.GetValue<bool>());
        Assert.DoesNotContain(instance["steps"]?.AsArray() ?? [], s => s?["name"]?.GetValue<string>() == "SaveState");
        Assert.Null(await fixture.Runtime.InspectAsync(second, CancellationToken.None));
        await ApiExtensions.WaitUntilAsync(async () =>
        {
            var entries = (await Api.GetJsonAsync($"/api/v1/activity?tenantId={tenant}&type=container.released"))["entries"]!.AsArray();
            return entries.Any(e => e!.Str("sentence").Contains("without saving its state", StringComparison.Ordinal));
        }, "the activity log says the release skipped the save");
    }

    [Fact]
    public async Task Release_with_sync_true_or_no_body_saves_as_before()
    {
        var tenant = AdminFixture.NewTenant();
        var container = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        await fixture.Runtime.ExecOkAsync(container, "echo saved > /state/saved.txt");

        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000", new { sync = true });

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.False(body["syncSkipped"]!.GetValue<bool>());
        Assert.Equal("saved\n", await File.ReadAllTextAsync(fixture.SinkFile(tenant, "saved.txt")));
    }

    [Theory]
    [InlineData("""{"sync":"no"}""")]
    [InlineData("""{"sync":0}""")]
    [InlineData("""{"save":false}""")]
    [InlineData("""[false]""")]
    [InlineData("""{"sync":""")]
    public async Task Release_with_a_bad_body_answers_400_and_keeps_the_container(string json)
    {
        var tenant = AdminFixture.NewTenant();
        var container = await Api.ClaimOkAsync(tenant, AdminFixture.Plain);

        var (response, body) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/release?waitMs=60000", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", body.Str("code"));
        Assert.NotNull(await fixture.Runtime.InspectAsync(container, CancellationToken.None));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Repeated_claim_with_new_config_or_secrets_rewrites_them_in_the_same_container_and_says_what_changed()
    {
        // Given a tenant holding a container with config and a secret
        var tenant = AdminFixture.NewTenant();
        var (first, firstBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "one" }, new() { ["api-key"] = "key-1", ["db"] = "db-1" }));
        Assert.True(first.StatusCode == HttpStatusCode.OK, firstBody.ToJsonString());
        var container = firstBody.Str("containerId");
        Assert.Null(firstBody["rotated"]);

        // When it claims again with the same values, nothing is rewritten
        var (same, sameBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "one" }, new() { ["api-key"] = "key-1" }));
        Assert.True(same.StatusCode == HttpStatusCode.OK, sameBody.ToJsonString());
        Assert.Empty(sameBody["rotated"]!.AsArray());

        // When it claims again with a new secret value, only the secrets are rotated, in place
        var (secrets, secretsBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "one" }, new() { ["api-key"] = "key-2" }));
        Assert.True(secrets.StatusCode == HttpStatusCode.OK, secretsBody.ToJsonString());
        Assert.Equal(["secrets"], secretsBody["rotated"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(container, secretsBody.Str("containerId"));
        Assert.True(secretsBody["existing"]!.GetValue<bool>());
        Assert.Equal("key-2", await CatAsync(container, "/secrets/api-key"));
        Assert.Equal("db-1", await CatAsync(container, "/secrets/db"));

        // When it claims again with new config and a new secret, both are rotated
        var (both, bothBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "two" }, new() { ["db"] = "db-2" }));
        Assert.True(both.StatusCode == HttpStatusCode.OK, bothBody.ToJsonString());
        Assert.Equal(["config", "secrets"], bothBody["rotated"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Contains("\"two\"", await CatAsync(container, "/config/config.json"), StringComparison.Ordinal);
        Assert.Equal("db-2", await CatAsync(container, "/secrets/db"));

        // And a repeated claim with neither reads nothing and says nothing about rotation
        var (plain, plainBody) = await Api.ClaimAsync(tenant, new { poolId = AdminFixture.Synced });
        Assert.True(plain.StatusCode == HttpStatusCode.OK, plainBody.ToJsonString());
        Assert.Null(plainBody["rotated"]);
        Assert.Equal(container, plainBody.Str("containerId"));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Repeated_claim_with_invalid_secrets_answers_400_and_keeps_the_old_ones()
    {
        var tenant = AdminFixture.NewTenant();
        var container = await Api.ClaimOkAsync(tenant, AdminFixture.Synced);
        var (ok, okBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "one" }, new() { ["api-key"] = "key-1" }));
        Assert.True(ok.StatusCode == HttpStatusCode.OK, okBody.ToJsonString());

        var (bad, badBody) = await Api.ClaimAsync(tenant, Claim(new { greeting = "one" }, new() { ["../escape"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("INVALID_SECRETS", badBody.Str("code"));
        Assert.Equal("key-1", await CatAsync(container, "/secrets/api-key"));
        await Api.ReleaseOkAsync(tenant);
    }

    private static object Claim(object config, Dictionary<string, string> secrets) => new { poolId = AdminFixture.Synced, config, secrets };

    private async Task<string> CatAsync(string containerId, string path)
    {
        var result = await fixture.Runtime.ExecAsync(containerId, ["cat", path], CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
