using System.Net;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Workloads;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Sync;

/// <summary>
/// Tenant state is never handed over damaged, over a real s3rver (chunked encoding left on, as a
/// new user would), Azurite and a local folder: an object altered behind Boilerhouse's back fails the
/// next claim with STATE_INTEGRITY and a destroyed container, the verify endpoint names it, and
/// putting the object back makes the tenant's next claim work.
/// </summary>
public sealed class IntegrityTests : IAsyncLifetime
{
    private const string Local = "in-local";
    private const string S3 = "in-s3";
    private const string Azure = "in-azure";
    private const string NoSync = "in-nosync";
    private const string AzureSetting = "BOILERHOUSE_IT_INTEGRITY_AZURE";

    private readonly string _bucket = $"bh-in-{Guid.NewGuid():N}"[..20];
    private readonly string _localSink = Directory.CreateTempSubdirectory("boilerhouse-integrity-").FullName;
    private readonly SinkFactory _tamper = new(name => name == AzureSetting ? TestSinks.AzureConnectionString
        : name == SinkSpec.S3AccessKeySetting ? TestSinks.S3AccessKey
        : name == SinkSpec.S3SecretKeySetting ? TestSinks.S3SecretKey : null);
    private BoilerhouseApp _app = null!;

    private HttpClient Api => _app.Client;

    private IContainerRuntime Runtime => _app.Services.GetRequiredService<IContainerRuntime>();

    public Task InitializeAsync()
    {
        _app = BoilerhouseApp.Start(new Dictionary<string, string>
        {
            [$"{Local}.yaml"] = Worker(Local, $$"""sink: { type: local, path: "{{_localSink}}", prefix: "l/${tenantId}/" }"""),
            // chunked_encoding deliberately not written: the sink's canary must find s3rver keeps the framing.
            [$"{S3}.yaml"] = Worker(S3, $$"""sink: { type: s3, bucket: {{_bucket}}, endpoint: "{{TestSinks.S3Endpoint}}", prefix: "s/${tenantId}/" }"""),
            [$"{Azure}.yaml"] = Worker(Azure, $$"""sink: { type: azure_blob, container: {{_bucket}}, connection_setting: {{AzureSetting}}, prefix: "a/${tenantId}/" }"""),
            [$"{NoSync}.yaml"] = Worker(NoSync, null),
        }, new Dictionary<string, string>
        {
            [AzureSetting] = TestSinks.AzureConnectionString,
            [SinkSpec.S3AccessKeySetting] = TestSinks.S3AccessKey,
            [SinkSpec.S3SecretKeySetting] = TestSinks.S3SecretKey,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _tamper.Dispose();
        Directory.Delete(_localSink, recursive: true);
    }

    [Fact]
    public async Task State_round_trips_byte_for_byte_over_s3rver_with_chunked_encoding_left_on()
    {
        var tenant = NewTenant();
        var first = await Api.ClaimOkAsync(tenant, S3);
        await Runtime.ExecOkAsync(first, "printf 'hello\\nworld\\n' > /state/note.txt && dd if=/dev/urandom of=/state/blob.bin bs=1k count=300 2>/dev/null");
        var files = await Runtime.StateHashesAsync(first);

        await Api.ReleaseOkAsync(tenant);
        var second = await Api.ClaimOkAsync(tenant, S3);

        Assert.Equal(files, await Runtime.StateHashesAsync(second));
        Assert.Equal("hello\nworld\n", Encoding.ASCII.GetString(await ReadObjectAsync(S3, $"s/{tenant}/data/note.txt")));
        var health = await Api.GetJsonAsync("/api/v1/health");
        var sink = health["sinks"]!.AsArray().Single(s => s!.Str("sink").StartsWith($"s3://{_bucket}", StringComparison.Ordinal))!;
        Assert.Equal("healthy", sink.Str("status"));
        Assert.Contains("chunked encoding was turned off", sink.Str("message"), StringComparison.Ordinal);
        await Api.ReleaseOkAsync(tenant);
    }

    [Theory]
    [InlineData(Local)]
    [InlineData(S3)]
    [InlineData(Azure)]
    public async Task Object_altered_in_the_sink_fails_the_next_claim_until_it_is_put_back(string pool)
    {
        // Given a tenant's saved state
        var tenant = NewTenant();
        var first = await Api.ClaimOkAsync(tenant, pool);
        await Runtime.ExecOkAsync(first, "echo precious > /state/a.txt && dd if=/dev/urandom of=/state/b.bin bs=1k count=200 2>/dev/null");
        var files = await Runtime.StateHashesAsync(first);
        await Api.ReleaseOkAsync(tenant);
        var key = $"{Prefix(pool)}{tenant}/data/a.txt";
        var original = await ReadObjectAsync(pool, key);

        // When one object is overwritten behind Boilerhouse's back
        await WriteObjectAsync(pool, key, "tampered\n"u8.ToArray());

        // Then the verify endpoint names it and changes nothing
        var (verified, report) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/verify?poolId={pool}");
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.False(report["intact"]!.GetValue<bool>());
        var mapping = report["mappings"]!.AsArray().Single()!;
        Assert.Equal("a.txt", mapping["differs"]!.AsArray().Single()!.Str("path"));
        Assert.Empty(mapping["missing"]!.AsArray());
        Assert.Equal("tampered\n"u8.ToArray(), await ReadObjectAsync(pool, key));

        // and the next claim fails with the integrity code; its container is destroyed and the pool refills
        var (refused, problem) = await Api.ClaimAsync(tenant, new { poolId = pool });
        Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
        Assert.Equal("STATE_INTEGRITY", problem.Str("code"));
        Assert.Contains(key, problem.Str("detail"), StringComparison.Ordinal);
        var claim = await Api.GetJsonAsync($"/api/v1/orchestrations/{problem.Str("instanceId")}?showHistory=true");
        Assert.Contains(claim["steps"]!.AsArray(), s => s!.Str("name") == "CompensateDestroyContainer" && s!.Str("outcome") == "Succeeded");
        Assert.False((await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["assigned"]!.GetValue<bool>());
        Assert.DoesNotContain((await Api.GetJsonAsync($"/api/v1/pools/{pool}/containers")).AsArray(), c => c!["tenantId"]?.GetValue<string>() == tenant);
        await Api.WaitForPoolAsync(pool, p => p.Int("warm") >= 1, TimeSpan.FromSeconds(90));

        // When the object is put back, the tenant's next claim restores every byte
        await WriteObjectAsync(pool, key, original);
        var third = await Api.ClaimOkAsync(tenant, pool);
        Assert.Equal(files, await Runtime.StateHashesAsync(third));
        await Api.ReleaseOkAsync(tenant);
    }

    [Fact]
    public async Task Verify_refuses_what_it_cannot_check_with_precise_errors()
    {
        await ExpectAsync($"/api/v1/tenants/{NewTenant()}/verify", HttpStatusCode.BadRequest, "INVALID_REQUEST");
        await ExpectAsync($"/api/v1/tenants/{NewTenant()}/verify?poolId=no-such-pool", HttpStatusCode.NotFound, "POOL_NOT_FOUND");
        await ExpectAsync($"/api/v1/tenants/{NewTenant()}/verify?poolId={NoSync}", HttpStatusCode.Conflict, "SYNC_NOT_CONFIGURED");
        await ExpectAsync("/api/v1/tenants/..%2Fother/verify?poolId=in-local", HttpStatusCode.BadRequest, "INVALID_ID");

        var (fresh, report) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{NewTenant()}/verify?poolId={Local}");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.True(report["intact"]!.GetValue<bool>());
        Assert.Equal("absent", report["mappings"]![0]!.Str("manifest"));
    }

    private async Task ExpectAsync(string url, HttpStatusCode status, string code)
    {
        var (response, problem) = await Api.SendJsonAsync(HttpMethod.Post, url);
        Assert.True(response.StatusCode == status, $"{url}: {(int)response.StatusCode} {problem.ToJsonString()}");
        Assert.Equal(code, problem.Str("code"));
    }

    private static string Prefix(string pool) => pool switch { S3 => "s/", Azure => "a/", _ => "l/" };

    /// <summary>The store behind Boilerhouse's back: the same sinks, built outside the host (S3 without chunked uploads).</summary>
    private ISink Store(string pool) => _tamper.Get(pool switch
    {
        S3 => new SinkSpec(SinkType.S3, "", Bucket: _bucket, Endpoint: TestSinks.S3Endpoint, ChunkedEncoding: false),
        Azure => new SinkSpec(SinkType.AzureBlob, "", Container: _bucket, ConnectionSetting: AzureSetting),
        _ => new SinkSpec(SinkType.Local, "", Path: _localSink),
    });

    private async Task<byte[]> ReadObjectAsync(string pool, string key)
    {
        await using var stream = await Store(pool).OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    private Task WriteObjectAsync(string pool, string key, byte[] content) =>
        Store(pool).UploadAsync(key, new MemoryStream(content), content.Length, CancellationToken.None);

    private static string NewTenant() => $"i-{Guid.NewGuid():N}"[..14];

    private static string Worker(string id, string? sink) => new WorkloadYaml(id)
    {
        MaxSize = 4,
        Sync = sink is null ? null : $"{sink}\nmappings:\n  - {{ container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }}",
        Cpus = "0.2",
        Memory = "32M",
    }.ToString();
}
