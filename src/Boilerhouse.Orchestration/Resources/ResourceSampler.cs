using System.Collections.Concurrent;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// Every sample interval, reads the resource counters of every running container of this
/// installation on every Docker host (one list call per host, one one-shot stats call per container,
/// a bounded number at once) into the <see cref="ResourceBook"/>. It runs beside the grains, never in
/// them: a slow engine delays the next sample, never a claim.
/// </summary>
public sealed class ResourceSampler(
    DockerHosts hosts, ResourceBook book, ResourceMeter meter, IOptions<ResourceOptions> options, IOptions<PoolOptions> pools,
    TimeProvider time, ILogger<ResourceSampler> logger) : BackgroundService
{
    /// <summary>The instruments report from the book; holding them here keeps them alive as long as the sampler.</summary>
    public ResourceMeter Meter { get; } = meter;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.SampleInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A resource sweep failed; the next one runs in {IntervalSeconds} s", options.Value.SampleInterval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep over every host, hosts in parallel.</summary>
    public async Task<IReadOnlyList<HostSweep>> SweepAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var sweeps = await Task.WhenAll(hosts.Ids.Select(h => SweepHostAsync(h, at, cancellationToken)));
        book.EndSweep(at, sweeps);
        return sweeps;
    }

    private async Task<HostSweep> SweepHostAsync(string hostId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var runtime = hosts.Runtime(hostId);
        IReadOnlyList<ContainerInfo> containers;
        try
        {
            containers = await runtime.ListAsync(MineOn(), cancellationToken);
        }
        catch (Exception ex) when (ex is ContainerRuntimeUnavailableException or BoilerhouseException)
        {
            // A host that is down or refusing is the health timer's business; its history stays until it answers again.
            logger.LogDebug("Resource sweep skipped host {HostId}: {Reason}", hostId, ex.Message);
            return new HostSweep(new SweepReport(hostId, at, Reached: false, 0, time.GetElapsedTime(started).TotalMilliseconds, ex.Message), []);
        }

        var samples = new ConcurrentBag<SampledContainer>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(containers.Where(c => c.Running), parallel, async (container, token) =>
        {
            try
            {
                if (await runtime.StatsAsync(container.Id, token) is { } reading)
                {
                    var managed = new ManagedContainer(container.Id, container.Name, container.Labels.GetValueOrDefault(ContainerLabels.Pool, ""), hostId);
                    samples.Add(new SampledContainer(managed, book.Track(managed).Record(reading)));
                }
            }
            catch (Exception ex) when (ex is ContainerRuntimeUnavailableException or BoilerhouseException)
            {
                // Removed or stopped between the list and the read, or one slow answer: the next sweep reads it again.
                logger.LogDebug("No resource sample of container {ContainerId} on host {HostId}: {Reason}", container.Id, hostId, ex.Message);
            }
        });

        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        logger.LogDebug("Resource sweep of host {HostId}: {Count} containers in {ElapsedMs} ms", hostId, samples.Count, elapsed);
        return new HostSweep(new SweepReport(hostId, at, Reached: true, samples.Count, elapsed, null), [.. samples]);
    }

    private Dictionary<string, string> MineOn() => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = pools.Value.InstanceId,
    };
}
