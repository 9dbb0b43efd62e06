using System.Net;
using Boilerhouse.Client.Models;
using Boilerhouse.Client.Tests.Infrastructure;

namespace Boilerhouse.Client.Tests.Client;

/// <summary>503 and 429 answers with Retry-After: the exception carries them, and the retries honour them until the call succeeds.</summary>
[Collection(ClientHostCollection.Name)]
public sealed class RetryAfterTests(ClientHost host)
{
    [Fact]
    public async Task Claim_on_an_exhausted_pool_retries_after_503_until_a_container_is_free()
    {
        using var admin = host.Admin();
        var holder = await admin.ClaimAsync("holder", new ClaimRequest(ClientHost.ScarcePool));

        // Without retries the answer is the problem, with its Retry-After
        using var impatient = host.Admin(new BoilerhouseClientOptions { MaxRetries = 0 });
        var exhausted = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => impatient.ClaimAsync("waiter", new ClaimRequest(ClientHost.ScarcePool)));
        Assert.Equal(503, exhausted.Status);
        Assert.Equal("POOL_EXHAUSTED", exhausted.Code);
        Assert.NotNull(exhausted.RetryAfter);
        Assert.NotNull(exhausted.InstanceId);

        // With retries the claim keeps trying while the pool is full, and succeeds once the holder releases
        using var recorder = new RecordingHandler();
        using var patient = host.Admin(new BoilerhouseClientOptions { MaxRetries = 100, Transport = recorder });
        var waiting = patient.ClaimAsync("waiter", new ClaimRequest(ClientHost.ScarcePool));
        await Eventually.TrueAsync(() => Task.FromResult(recorder.Saw(r => r.Status == HttpStatusCode.ServiceUnavailable)), "the claim met a full pool");
        Assert.False(waiting.IsCompleted);
        await admin.ReleaseAsync("holder");

        var claim = await Eventually.WithinAsync(waiting, "the waiting claim gets the freed pool's container");
        Assert.NotEqual(holder.ContainerId, claim.ContainerId);
        Assert.Single(await ClientHost.HeldByAsync(admin, ClientHost.ScarcePool, "waiter"));
        await admin.ReleaseAsync("waiter");
    }

    [Fact]
    public async Task Rate_limited_key_gets_429_with_retry_after_and_the_retry_honours_it()
    {
        using var admin = host.Admin();
        var key = await admin.CreateKeyAsync(new NewApiKey("one a minute", "tenant") { Tenants = ["limited"], RateLimitPerMinute = 1 });
        using var recorder = new RecordingHandler();
        using var patient = new BoilerhouseClient(host.Url, new BoilerhouseKeyCredential(key.Key), new BoilerhouseClientOptions { Transport = recorder });
        using var impatient = new BoilerhouseClient(host.Url, new BoilerhouseKeyCredential(key.Key), new BoilerhouseClientOptions { MaxRetries = 0 });
        await patient.GetTenantStatusAsync("limited");

        var limited = await Assert.ThrowsAsync<BoilerhouseRequestException>(() => impatient.GetTenantStatusAsync("limited"));
        Assert.Equal(429, limited.Status);
        Assert.Equal("RATE_LIMITED", limited.Code);
        Assert.True(limited.RetryAfter > TimeSpan.Zero);

        // The patient client meets the limit too, waits as long as the server asked, and gets through
        // (a call that happens to fall into a new window gets through at once; the next one meets the limit)
        for (var call = 0; call < 3 && !recorder.Saw(r => r.Status == HttpStatusCode.TooManyRequests); call++)
        {
            var status = await Eventually.WithinAsync(patient.GetTenantStatusAsync("limited"), "the limited call gets through", TimeSpan.FromSeconds(150));
            Assert.Equal("unclaimed", status.Status);
        }

        var answers = recorder.Seen.Select(r => r.Status).ToList();
        var limitedAt = answers.IndexOf(HttpStatusCode.TooManyRequests);
        Assert.True(limitedAt > 0, "the patient client met the limit");
        Assert.Equal(HttpStatusCode.OK, answers[limitedAt + 1]);
    }
}
