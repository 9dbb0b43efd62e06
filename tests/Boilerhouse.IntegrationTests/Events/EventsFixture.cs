using Boilerhouse.IntegrationTests.Infrastructure;

namespace Boilerhouse.IntegrationTests.Events;

/// <summary>One host with the web workload and a small per-subscriber queue (so a stalled subscriber overflows quickly).</summary>
public sealed class EventsFixture : IAsyncLifetime
{
    public const int SubscriberQueue = 16;

    public BoilerhouseApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        var web = $"{TestWorkloads.Web}.yaml";
        App = BoilerhouseApp.Start(
            new Dictionary<string, string> { [web] = TestWorkloads.Files[web] },
            new Dictionary<string, string>
            {
                ["BOILERHOUSE_EVENT_QUEUE"] = SubscriberQueue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // A health check listing Docker between a release's container removal and its pool being told would see
                // the container as vanished (an extra container.unhealthy); the exact-sequence tests keep those checks rare.
                ["timers__healthCheck"] = "0 */10 * * * *",
                ["timers__orphanReaping"] = "0 */10 * * * *",
            });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
