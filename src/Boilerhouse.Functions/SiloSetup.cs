using Boilerhouse.Functions.Settings;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Telemetry;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Boilerhouse.Functions;

public static class SiloSetup
{
    /// <summary>Grain locations each silo caches (Orleans' default is 1,000,000).</summary>
    public const int GrainDirectoryCacheSize = 10_000;

    /// <summary>
    /// The silo: embedded and alone (localhost clustering) or a member of a cluster (see
    /// <see cref="SiloClustering"/>). Core's records (specs, endpoints) are
    /// serialized as JSON so Core needs no Orleans attributes.
    /// </summary>
    public static void UseBoilerhouseSilo(this WebApplicationBuilder builder, BoilerhouseSettings settings)
    {
        QuietWatchdogAtStart(builder.Logging);
        builder.UseOrleans(silo =>
        {
            silo.UseBoilerhouseClustering(settings);
            // The caller's trace context travels with grain calls, so orchestrations join the request's trace.
            silo.AddOutgoingGrainCallFilter<CallerTraceFilter>();
            // A database outage crosses silos as a coded error, not as a driver exception no silo can deserialize.
            silo.AddIncomingGrainCallFilter<DatabaseOutageCallFilter>();
            // Starters may wait up to CheckStatus.MaxWaitMs for an instance; grain calls must outlive that.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(Apis.CheckStatus.MaxWaitMs) + TimeSpan.FromSeconds(30));
            // Orleans' default (a million entries) allocates ~18 MB up front for remote grain locations;
            // a cluster of Boilerhouse hosts has far fewer active grains, and a miss is one directory lookup.
            silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = GrainDirectoryCacheSize);
            silo.Services.AddSerializer(s => s.AddJsonSerializer(
                isSupported: type => type.Namespace?.StartsWith("Boilerhouse.Core", StringComparison.Ordinal) == true
                    || type.Namespace?.StartsWith("Boilerhouse.Sync", StringComparison.Ordinal) == true));
        });
        if (settings.Cluster.IsCluster)
        {
            builder.Services.AddHostedService<SiloLossRecovery>();
        }
    }

    /// <summary>
    /// Orleans' watchdog measures its first participant check from the machine's boot, so the first
    /// start on a fresh machine warns of a stall of "minutes" that never happened. Its warnings are
    /// dropped for the silo's first minute; later stalls (and any error) are still logged.
    /// </summary>
    private static void QuietWatchdogAtStart(ILoggingBuilder logging)
    {
        var sinceStart = System.Diagnostics.Stopwatch.StartNew();
        logging.AddFilter("Orleans.Runtime.Watchdog", level => level >= LogLevel.Error || sinceStart.Elapsed > TimeSpan.FromMinutes(1));
    }
}
