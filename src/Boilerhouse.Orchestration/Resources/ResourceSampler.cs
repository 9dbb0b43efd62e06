using System.Collections.Concurrent;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Pools;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// Every sample interval, reads the resource counters of every running container of this
/// installation on every Docker host (one list call per host, one one-shot stats call per container,
/// a bounded number at once) into the <see cref="ResourceBook"/>. It runs beside the grains, never in
/// them: a slow engine delays the next sample, never a claim. In a cluster one silo samples (it holds
/// the lease of <see cref="IResourceSweepGrain"/>) and the others replay its readings into their book.
/// </summary>
public sealed class ResourceSampler(
    DockerHosts hosts, ResourceBook book, ResourceMeter meter, IOptions<ResourceOptions> options, IOptions<PoolOptions> pools,
    IGrainFactory grains, ILocalSiloDetails silo, TimeProvider time, ILogger<ResourceSampler> logger) : BackgroundService
{
    // The sweep last written into this silo's book, sampled here or replayed.
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    private string Silo => silo.SiloAddress.ToString();

    // Three intervals: a holder that misses one sweep (a slow engine) keeps the lease; a dead one loses it soon.
    private TimeSpan Lease => options.Value.SampleInterval * 3;

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
                await TickAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "A resource sweep failed; the next one runs in {IntervalSeconds} s", options.Value.SampleInterval.TotalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One interval: sweep and publish when this silo holds the lease, else replay the holder's latest sweep.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        var sweeps = grains.GetGrain<IResourceSweepGrain>(ResourceSweepGrain.Key);
        bool holder;
        try
        {
            holder = await sweeps.HoldLeaseAsync(Silo, Lease);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The lease cannot be asked (its silo just died): sample here rather than show no figures.
            logger.LogDebug("The resource sampling lease did not answer ({Reason}); sampling on this silo", ex.Message);
            await SweepAsync(cancellationToken);
            return;
        }

        if (holder)
        {
            await sweeps.PublishAsync(Silo, await SweepAsync(cancellationToken));
        }
        else if (await sweeps.LatestAsync(_lastSweep) is { } published)
        {
            Replay(published);
        }
    }

    /// <summary>One sweep over every host, hosts in parallel, into this silo's book.</summary>
    public async Task<PublishedSweep> SweepAsync(CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var read = await Task.WhenAll(hosts.Ids.Select(h => SweepHostAsync(h, at, cancellationToken)));
        book.EndSweep(at, [.. read.Select(r => r.Sweep)]);
        _lastSweep = at;
        return new PublishedSweep(at, Silo, [.. read.Select(r => new PublishedHost(r.Sweep.Report, r.Readings))]);
    }

    /// <summary>Writes another silo's sweep into this silo's book as if it had read the same counters.</summary>
    private void Replay(PublishedSweep sweep)
    {
        var hostSweeps = sweep.Hosts.Select(h => new HostSweep(h.Report,
            [.. h.Readings.Select(r => new SampledContainer(r.Container, book.Track(r.Container).Record(r.Reading)))])).ToList();
        book.EndSweep(sweep.At, hostSweeps);
        _lastSweep = sweep.At;
    }

    private async Task<(HostSweep Sweep, IReadOnlyList<PublishedReading> Readings)> SweepHostAsync(string hostId, DateTimeOffset at, CancellationToken cancellationToken)
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
            return (new HostSweep(new SweepReport(hostId, at, Reached: false, 0, time.GetElapsedTime(started).TotalMilliseconds, ex.Message), []), []);
        }

        var samples = new ConcurrentBag<SampledContainer>();
        var readings = new ConcurrentBag<PublishedReading>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(containers.Where(c => c.Running), parallel, async (container, token) =>
        {
            try
            {
                if (await runtime.StatsAsync(container.Id, token) is { } reading)
                {
                    var managed = new ManagedContainer(container.Id, container.Name, container.Labels.GetValueOrDefault(ContainerLabels.Pool, ""), hostId);
                    samples.Add(new SampledContainer(managed, book.Track(managed).Record(reading)));
                    readings.Add(new PublishedReading(managed, reading));
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
        return (new HostSweep(new SweepReport(hostId, at, Reached: true, samples.Count, elapsed, null), [.. samples]), [.. readings]);
    }

    private Dictionary<string, string> MineOn() => new()
    {
        [ContainerLabels.Managed] = "true",
        [ContainerLabels.Instance] = pools.Value.InstanceId,
    };
}
