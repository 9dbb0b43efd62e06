using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Forgets cached routes when a container changes hands: claimed, released, destroyed or unhealthy
/// (every silo sees every event). A subscriber that fell behind forgets everything.
/// </summary>
public sealed class RouteInvalidation(EventFeed feed, RouteCache routes, ILogger<RouteInvalidation> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(EventFilter.Parse("container.*", null, null), null, queueSize: 10_000);
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<EventFrame> frames;
            try
            {
                frames = await subscription.Queue.ReadAsync(TimeSpan.FromSeconds(30), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            foreach (var frame in frames)
            {
                Apply(frame);
            }
        }
    }

    private void Apply(EventFrame frame)
    {
        if (frame.Event is not { } e)
        {
            logger.LogWarning("Route cache missed container events; it is cleared");
            routes.Clear();
            return;
        }

        if (e.TenantId is { } tenantId)
        {
            routes.Forget(tenantId);
        }

        if (e.ContainerId is { } containerId)
        {
            routes.ForgetContainer(containerId);
        }
    }
}
