using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Hosts;

/// <summary>A cordon or drain is an operator's decision: it outlives a restart of the host process (it is kept in the database).</summary>
public sealed class HostFlagsRestartTests
{
    [Fact]
    public async Task Cordon_and_drain_survive_a_restart_and_uncordon_is_kept_too()
    {
        // Given a host process whose Docker host "local" is drained
        await using var folder = new HostProcessFolder();
        await using (var first = await folder.StartAsync())
        {
            var (drained, view) = await first.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/hosts/local/drain");
            Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
            Assert.True(view["draining"]!.GetValue<bool>());
        }

        // When it is killed and started again on the same data, the drain is still there
        await using (var second = await folder.StartAsync())
        {
            var host = await second.Client.GetJsonAsync("/api/v1/hosts/local");
            Assert.True(host["cordoned"]!.GetValue<bool>());
            Assert.True(host["draining"]!.GetValue<bool>());

            // and an uncordon is kept as well
            var (uncordoned, _) = await second.Client.SendJsonAsync(HttpMethod.Post, "/api/v1/hosts/local/uncordon");
            Assert.Equal(HttpStatusCode.OK, uncordoned.StatusCode);
        }

        await using var third = await folder.StartAsync();
        var after = await third.Client.GetJsonAsync("/api/v1/hosts/local");
        Assert.False(after["cordoned"]!.GetValue<bool>());
        Assert.False(after["draining"]!.GetValue<bool>());
    }
}
