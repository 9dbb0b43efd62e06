using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>A host configured with a CA that did not sign its engine's certificate.</summary>
public sealed class WrongCaTests : IAsyncLifetime
{
    private const string Pool = "h-wrongca";

    private MultiHostApp _app = null!;

    public Task InitializeAsync()
    {
        _app = MultiHostApp.Start(
            [new HostEntry(TlsHosts.Tls1, WrongCa: true), new HostEntry(TlsHosts.Local)],
            new Dictionary<string, string> { [$"{Pool}.yaml"] = MultiHostApp.Worker(Pool, min: 2, max: 2) });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Host_whose_certificate_does_not_verify_is_refused_unhealthy_and_never_used()
    {
        await _app.WaitForHostAsync(TlsHosts.Tls1, "unhealthy");
        await _app.Api.WaitForPoolAsync(Pool, p => p.Int("warm") == 2);

        var host = await _app.Api.GetJsonAsync($"/api/v1/hosts/{TlsHosts.Tls1}");

        Assert.Contains("not signed by the configured CA (CN=boilerhouse-wrong-ca)", host.Str("lastError"), StringComparison.Ordinal);
        Assert.False(host["acceptsPlacements"]!.GetValue<bool>());
        Assert.All(await _app.ContainersAsync(Pool), c => Assert.Equal(TlsHosts.Local, MultiHostApp.HostOf(c)));
        // Checked with the right CA: nothing of this installation reached the engine.
        Assert.Empty(await _app.Hosts.ListAsync(TlsHosts.Tls1, _app.App.InstanceId));
    }
}
