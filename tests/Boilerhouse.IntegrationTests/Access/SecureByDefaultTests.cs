using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>Without keys the API is open on loopback only; beyond loopback it refuses to start unless told otherwise.</summary>
public sealed class SecureByDefaultTests
{
    [Fact]
    public async Task Start_up_on_a_non_loopback_address_without_keys_is_refused_with_what_to_set()
    {
        await using var host = LaunchedHost.Start(new() { ["BOILERHOUSE_URLS"] = $"http://0.0.0.0:{LaunchedHost.FreePort()}" });

        var exitCode = await host.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains("Boilerhouse cannot start", host.Output, StringComparison.Ordinal);
        Assert.Contains("BOILERHOUSE_ADMIN_KEY", host.Output, StringComparison.Ordinal);
        Assert.Contains("BOILERHOUSE_AUTH=none", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_on_a_non_loopback_address_with_auth_none_runs_open_on_purpose()
    {
        var port = LaunchedHost.FreePort();
        await using var host = LaunchedHost.Start(new() { ["BOILERHOUSE_URLS"] = $"http://0.0.0.0:{port}", ["BOILERHOUSE_AUTH"] = "none" });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(90) };

        await host.WaitUntilAnsweringAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/pools")).StatusCode);
        Assert.Contains("BOILERHOUSE_AUTH=none", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Loopback_without_keys_is_open_with_one_warning_until_the_first_key_is_created()
    {
        // Given a host on loopback with no key, as ./eng/run starts it
        await using var app = BoilerhouseApp.Start(new Dictionary<string, string>());

        // Then it answers without a key and warned once
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/api/v1/pools")).StatusCode);
        Assert.Single(app.Logs.Lines, l => l.Contains("The API is OPEN", StringComparison.Ordinal));

        // When the first key is created, the API needs keys from then on
        var (created, body) = await app.Client.SendAsync(null, HttpMethod.Post, "/api/v1/keys", new { name = "first admin", role = "admin" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.GetAsync("/api/v1/pools")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(body.Str("key"), HttpMethod.Get, "/api/v1/pools")).Response.StatusCode);
    }

    [Fact]
    public async Task Failed_authentications_beyond_the_limit_answer_429_even_for_a_right_key_then_recover()
    {
        // Given a host that allows 3 failed authentications per minute from one address
        var admin = KeyedApi.NewAdminKey();
        await using var app = KeyedApi.StartWithAdminKey(admin, settings: new() { ["BOILERHOUSE_AUTH_FAILURES_PER_MINUTE"] = "3" });

        // When a client guesses 3 times, its next requests are refused with 429, a right key included
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client.SendAsync("bhk_guess" + i, HttpMethod.Get, "/api/v1/pools")).Response.StatusCode);
        }

        var (guess, guessProblem) = await app.Client.SendAsync("bhk_guess", HttpMethod.Get, "/api/v1/pools");
        Assert.Equal((HttpStatusCode)429, guess.StatusCode);
        Assert.Equal("RATE_LIMITED", guessProblem.Str("code"));
        var (right, _) = await app.Client.SendAsync(admin, HttpMethod.Get, "/api/v1/pools");
        Assert.Equal((HttpStatusCode)429, right.StatusCode);

        // Then after the time the server named, the right key works again
        await Task.Delay(right.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(admin, HttpMethod.Get, "/api/v1/pools")).Response.StatusCode);
    }
}
