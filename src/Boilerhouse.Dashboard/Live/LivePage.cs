using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Dashboard.Live;

/// <summary>
/// A page that shows what the stores and grains hold now and loads again whenever a matching event
/// arrives from the in-process event feed: no polling, one reload per batch of events.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private bool _listening;

    [Inject]
    private EventFeed Feed { get; set; } = default!;

    [Inject]
    private ILogger<LivePage> Logger { get; set; } = default!;

    /// <summary>Which events make this page load again; every event unless a page narrows it.</summary>
    protected virtual EventFilter LiveFilter => EventFilter.Everything;

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Called with each batch of events before the page loads again (an activity feed keeps them).</summary>
    protected virtual void OnEvents(IReadOnlyList<BoilerhouseEvent> events)
    {
    }

    protected CancellationToken Stopping => _stop.Token;

    protected override async Task OnParametersSetAsync()
    {
        await LoadAsync(_stop.Token);
        if (RendererInfo.IsInteractive && !_listening)
        {
            _listening = true;
            _ = ListenAsync(LiveFilter);
        }
    }

    /// <summary>Loads again now (after an action of this page).</summary>
    protected async Task RefreshAsync()
    {
        await LoadAsync(_stop.Token);
        StateHasChanged();
    }

    private async Task ListenAsync(EventFilter filter)
    {
        using var subscription = Feed.Subscribe(filter, lastEventId: null);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var frames = await subscription.Queue.ReadAsync(TimeSpan.FromMinutes(5), _stop.Token);
                if (frames.Count == 0)
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    OnEvents([.. frames.Where(f => f.Event is not null).Select(f => f.Event!)]);
                    try
                    {
                        await LoadAsync(_stop.Token);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One failed reload (a grain or the database busy) must not end the page's live updates.
                        Logger.LogWarning(ex, "A dashboard page could not load again after an event");
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
            // The circuit went away while a reload ran.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
