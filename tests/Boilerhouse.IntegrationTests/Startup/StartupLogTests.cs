using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Startup;

/// <summary>A newcomer's first screen: the host's own output at start-up carries no false alarm, only the open-API warning.</summary>
public sealed class StartupLogTests : IAsyncLifetime
{
    private readonly HostProcessFolder _folder = new();

    public Task InitializeAsync()
    {
        _folder.AddWorkload(TestWorkloads.Tiny, TestWorkloads.Files[$"{TestWorkloads.Tiny}.yaml"]);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _folder.DisposeAsync();

    [Fact]
    public async Task Start_up_logs_no_error_and_only_the_open_api_warning()
    {
        await using var host = await _folder.StartAsync();

        // Wait until the pool is warm: start-up (silo, database, first warming) is then behind us.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(await host.Client.GetStringAsync($"/api/v1/pools/{TestWorkloads.Tiny}")).Contains("\"warm\":1", StringComparison.Ordinal))
        {
            await Task.Delay(200);
        }

        var output = host.Output();
        var alarms = output.Split('\n')
            .Where(line => line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
            .ToList();
        // The one warning a keyless host on loopback must give: its API is open.
        Assert.True(alarms.SequenceEqual(["warn: Boilerhouse.Access[0]"]) && output.Contains("The API is OPEN", StringComparison.Ordinal), $"start-up logged:\n{output}");
    }
}
