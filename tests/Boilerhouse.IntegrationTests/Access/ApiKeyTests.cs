using System.Net;
using System.Text;
using Boilerhouse.Functions.Access;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Access;

[Collection(AccessHostCollection.Name)]
public sealed class ApiKeyTests(AccessHostFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    private string Admin => fixture.AdminKey;

    [Fact]
    public async Task Created_key_is_shown_once_and_never_again_in_answers_logs_or_database_files()
    {
        // Given a key just created
        var (response, created) = await Api.SendAsync(Admin, HttpMethod.Post, "/api/v1/keys", new { name = "dashboard", role = "reader" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var secret = created.Str("key");
        var id = created.Str("id");
        Assert.StartsWith("bhk_", secret, StringComparison.Ordinal);
        Assert.Equal(47, secret.Length);

        // When it is used, listed, read and rotated
        var (used, _) = await Api.SendAsync(secret, HttpMethod.Get, "/api/v1/pools", header: "X-API-Key");
        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        var answers = new List<string>
        {
            (await Api.SendAsync(Admin, HttpMethod.Get, "/api/v1/keys")).Body.ToJsonString(),
            (await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/keys/{id}")).Body.ToJsonString(),
            (await Api.SendAsync(Admin, HttpMethod.Get, "/api/v1/audit")).Body.ToJsonString(),
        };
        var (rotated, rotatedBody) = await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/keys/{id}/rotate");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = rotatedBody.Str("key");
        answers.Add((await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/keys/{id}")).Body.ToJsonString());

        // Then neither secret, nor the admin key, is in any later answer, any log line or the database files
        var listed = (await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/keys/{id}")).Body;
        Assert.Null(listed["key"]);
        Assert.Equal("reader", listed.Str("role"));
        foreach (var text in new[] { secret, newSecret, Admin })
        {
            Assert.DoesNotContain(answers, a => a.Contains(text, StringComparison.Ordinal));
            Assert.DoesNotContain(fixture.App.Logs.Lines, l => l.Contains(text, StringComparison.Ordinal));
            foreach (var file in Directory.GetFiles(Path.Combine(fixture.App.Root, "data"), "*", SearchOption.AllDirectories))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                Assert.DoesNotContain(text, Encoding.Latin1.GetString(copy.ToArray()), StringComparison.Ordinal);
            }
        }

        // The database holds the hash of the live secret.
        Assert.Equal(ApiKeySecret.HashHex(newSecret), (await Store.GetAsync(id, CancellationToken.None))!.SecretHash);
    }

    [Fact]
    public async Task Rotated_and_revoked_keys_answer_401_at_once()
    {
        var (id, secret) = await Api.CreateKeyAsync(Admin, new { name = "ops", role = "operator" });
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(secret, HttpMethod.Get, "/api/v1/hosts")).Response.StatusCode);

        var (_, rotated) = await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/keys/{id}/rotate");
        var newSecret = rotated.Str("key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.SendAsync(secret, HttpMethod.Get, "/api/v1/hosts")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(newSecret, HttpMethod.Get, "/api/v1/hosts")).Response.StatusCode);

        var (revoked, revokedBody) = await Api.SendAsync(Admin, HttpMethod.Delete, $"/api/v1/keys/{id}");
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotNull(revokedBody["revokedAt"]);
        var (after, afterBody) = await Api.SendAsync(newSecret, HttpMethod.Get, "/api/v1/hosts");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("UNAUTHENTICATED", afterBody.Str("code"));
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(Admin, HttpMethod.Post, $"/api/v1/keys/{id}/rotate")).Response.StatusCode);
    }

    [Fact]
    public async Task Bad_keys_answer_401_and_create_nothing()
    {
        // Given keys that must not work: revoked, expired, malformed, empty, very long, wrong prefix, unknown
        var (revokedId, revoked) = await Api.CreateKeyAsync(Admin, new { name = "to revoke", role = "admin" });
        await Api.SendAsync(Admin, HttpMethod.Delete, $"/api/v1/keys/{revokedId}");
        var expired = ApiKeySecret.New();
        await Store.AddAsync(new ApiKeyRecord
        {
            Id = KeyedApi.Unique("key-expired"), Name = "expired", Role = "admin", SecretHash = ApiKeySecret.HashHex(expired),
            Prefix = ApiKeySecret.Display(expired), CreatedAt = DateTimeOffset.UtcNow.AddDays(-2), ExpiresAt = DateTimeOffset.UtcNow.AddDays(-1),
        }, CancellationToken.None);
        var valid = ApiKeySecret.New();
        var bad = new Dictionary<string, (string Key, string Header)>
        {
            ["revoked"] = (revoked, "Bearer"),
            ["expired"] = (expired, "Bearer"),
            ["malformed"] = ("bhk_!!!not-a-key", "Bearer"),
            ["empty bearer"] = ("", "Bearer"),
            ["empty header"] = ("", "X-API-Key"),
            ["very long"] = ("bhk_" + new string('A', 100 * 1024), "X-API-Key"),
            ["wrong prefix"] = ("xyz_" + valid[4..], "Bearer"),
            ["unknown"] = (valid, "X-API-Key"),
            ["admin key with a suffix"] = (Admin + "x", "Bearer"),
        };
        var keysBefore = (await Store.ListAsync(CancellationToken.None)).Count;

        foreach (var (what, (key, header)) in bad)
        {
            // When each tries to create an admin key
            var (response, body) = await Api.SendAsync(key, HttpMethod.Post, "/api/v1/keys", new { name = "intruder " + what, role = "admin" }, header);

            // Then 401 with a challenge, and no key exists after
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("UNAUTHENTICATED", body.Str("code"));
            Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var keys = await Store.ListAsync(CancellationToken.None);
        Assert.Equal(keysBefore, keys.Count);
        Assert.DoesNotContain(keys, k => k.Name.StartsWith("intruder", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"name":"x","role":"root"}""", "role")]
    [InlineData("""{"role":"reader"}""", "name")]
    [InlineData("""{"name":"x","role":"tenant"}""", "tenants")]
    [InlineData("""{"name":"x","role":"tenant","tenants":["Bad Id"]}""", "Bad Id")]
    [InlineData("""{"name":"x","role":"tenant","tenants":["a*b*"]}""", "a*b*")]
    [InlineData("""{"name":"x","role":"reader","tenants":["a"]}""", "tenant keys only")]
    [InlineData("""{"name":"x","role":"reader","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"name":"x","role":"reader","rateLimitPerMinute":0}""", "rateLimitPerMinute")]
    [InlineData("""{"name":"x","role":"tenant","tenants":["a"],"maxContainers":-1}""", "maxContainers")]
    [InlineData("""not json""", "not a valid key request")]
    public async Task Invalid_key_request_answers_400_naming_the_field_and_creates_nothing(string body, string named)
    {
        var before = (await Store.ListAsync(CancellationToken.None)).Count;

        var (response, problem) = await Api.SendAsync(Admin, HttpMethod.Post, "/api/v1/keys", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_REQUEST", problem.Str("code"));
        Assert.Contains(named, problem.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(before, (await Store.ListAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task State_changing_requests_are_audited_with_key_action_target_and_outcome()
    {
        // Given an operator key that makes one change and one refused attempt
        var (opId, op) = await Api.CreateKeyAsync(Admin, new { name = "audited operator", role = "operator" });
        await Api.SendAsync(op, HttpMethod.Post, "/api/v1/hosts/no-such-host/cordon");
        await Api.SendAsync(op, HttpMethod.Post, "/api/v1/keys", new { name = "not allowed", role = "admin" });
        await Api.SendAsync(op, HttpMethod.Get, "/api/v1/hosts");

        // When the audit log is read for that key
        var (response, page) = await Api.SendAsync(op, HttpMethod.Get, $"/api/v1/audit?keyId={opId}");

        // Then both POSTs are there (newest first), with name, action, target and outcome; the GET is not
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = page["entries"]!.AsArray().Select(e => e!).ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("POST /api/v1/keys", entries[0].Str("action"));
        Assert.Equal(403, entries[0].Int("status"));
        Assert.Equal("POST /api/v1/hosts/{hostId}/cordon", entries[1].Str("action"));
        Assert.Equal("/api/v1/hosts/no-such-host/cordon", entries[1].Str("target"));
        Assert.Equal(404, entries[1].Int("status"));
        Assert.All(entries, e => Assert.Equal("audited operator", e.Str("keyName")));

        // Paging and filters: one at a time, and by action
        var (_, first) = await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/audit?keyId={opId}&top=1");
        var (_, second) = await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/audit?keyId={opId}&top=1&before={first.Str("next")}");
        Assert.Equal("POST /api/v1/keys", first["entries"]![0]!.Str("action"));
        Assert.Equal("POST /api/v1/hosts/{hostId}/cordon", second["entries"]![0]!.Str("action"));
        var (_, byAction) = await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/audit?keyId={opId}&action=cordon");
        Assert.Single(byAction["entries"]!.AsArray());
        var (_, future) = await Api.SendAsync(Admin, HttpMethod.Get, $"/api/v1/audit?keyId={opId}&from={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"))}");
        Assert.Empty(future["entries"]!.AsArray());

        // An unauthenticated attempt is recorded too, without a key.
        await Api.SendAsync("bhk_wrong", HttpMethod.Delete, $"/api/v1/keys/{opId}");
        var (_, denied) = await Api.SendAsync(Admin, HttpMethod.Get, "/api/v1/audit?action=DELETE&top=1");
        Assert.Equal(401, denied["entries"]![0]!.Int("status"));
        Assert.Null(denied["entries"]![0]!["keyId"]);
    }

    private ApiKeyStore Store => fixture.App.Services.GetRequiredService<ApiKeyStore>();
}
