using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Orchestration.Workloads;

/// <summary>
/// Picks up workload files changed by hand or by git without a restart: a file-system watcher
/// (debounced, since editors and checkouts write in several steps) plus a periodic rescan, which
/// also covers file systems where watching misses events.
/// </summary>
public sealed class WorkloadWatcher(WorkloadFolder folder, ILogger<WorkloadWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan Rescan = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new SemaphoreSlim(0);
        using var watcher = Watch(folder.Directory, () => changed.Release());
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await changed.WaitAsync(Rescan, stoppingToken))
                {
                    // Let a burst of events (temp file, rename, chmod) settle into one reload.
                    do
                    {
                        await Task.Delay(Debounce, stoppingToken);
                    }
                    while (Drain(changed) > 0);
                }

                await folder.ReloadAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reloading the workload folder {Directory} failed; the next rescan tries again", folder.Directory);
            }
        }
    }

    private static int Drain(SemaphoreSlim signal)
    {
        var count = 0;
        while (signal.Wait(0))
        {
            count++;
        }

        return count;
    }

    private FileSystemWatcher? Watch(string directory, Action onChange)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(Path.GetFullPath(directory))
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => onChange();
            watcher.Created += (_, _) => onChange();
            watcher.Deleted += (_, _) => onChange();
            watcher.Renamed += (_, _) => onChange();
            watcher.Error += (_, e) => logger.LogWarning(e.GetException(), "Watching {Directory} failed; the periodic rescan still picks up changes", directory);
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            logger.LogWarning(ex, "Cannot watch {Directory}; changes are picked up by the rescan every {Rescan}", directory, Rescan);
            return null;
        }
    }
}
