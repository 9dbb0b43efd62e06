using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Resources;

/// <summary>One host sampling every second, with a pool whose containers write to their logs.</summary>
public sealed class ResourcesFixture : IAsyncLifetime
{
    public const string Pool = "it-res-logger";

    // One line on each stream at start, one more once /state/go exists (the tests create it).
    private const string Script =
        "echo hello-from-logger; echo warn-from-logger >&2; while [ ! -f /state/go ]; do sleep 0.1; done; echo after-go; while true; do sleep 1; done";

    public BoilerhouseApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var workload = new WorkloadYaml(Pool)
        {
            // Every test claims its own container and keeps it until the host goes.
            MinSize = 2,
            MaxSize = 10,
            Command = $"[\"sh\", \"-c\", \"{Script}\"]",
            HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
        };
        App = BoilerhouseApp.Start(
            new Dictionary<string, string> { [$"{Pool}.yaml"] = workload.ToString() },
            new Dictionary<string, string> { ["BOILERHOUSE_STATS_INTERVAL_SECONDS"] = "1" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
