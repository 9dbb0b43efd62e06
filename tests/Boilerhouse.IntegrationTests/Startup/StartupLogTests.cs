using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Startup;

/// <summary>A newcomer's first screen: the host's output at start-up carries no false alarm and no error, only the open-API warning.</summary>
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
    public async Task Start_up_logs_no_false_alarm_no_error_and_only_the_open_api_warning()
    {
        await using var host = await _folder.StartAsync();

        // Start-up is over once the host says so (its output is read asynchronously: wait for the line).
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !host.Output().Contains("Application started.", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }

        var output = host.Output();
        var lines = output.Split('\n');
        // No false stall alarm (Orleans' watchdog counts from the machine's boot), no error, and of
        // Boilerhouse's own warnings only the one a keyless host on loopback must give: its API is open.
        // (Orleans' scheduler may warn of slow work items on a loaded machine: those are real, not false.)
        Assert.True(output.Contains("Application started.", StringComparison.Ordinal), $"the host did not finish starting:\n{output}");
        Assert.False(lines.Any(l => l.StartsWith("warn: Orleans.Runtime.Watchdog", StringComparison.Ordinal)), $"start-up logged a watchdog alarm:\n{output}");
        Assert.False(lines.Any(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)), $"start-up logged an error:\n{output}");
        Assert.True(lines.Where(l => l.StartsWith("warn: Boilerhouse", StringComparison.Ordinal)).SequenceEqual(["warn: Boilerhouse.Access[0]"])
            && output.Contains("The API is OPEN", StringComparison.Ordinal), $"start-up logged:\n{output}");
    }
}
