using Azure.Data.Tables;
using Boilerhouse.Functions.Settings;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Boilerhouse.Functions;

/// <summary>
/// How the silo finds the others: alone on localhost (the embedded default), or through Orleans
/// membership in Redis or Azure Table Storage, with failure detection fast enough that a killed
/// silo's grains come back on the survivors within seconds (Orleans' defaults take ~14 s).
/// </summary>
internal static class SiloClustering
{
    private static readonly TimeSpan SystemResponseTimeout = TimeSpan.FromSeconds(5);

    public static void UseBoilerhouseClustering(this ISiloBuilder silo, BoilerhouseSettings settings)
    {
        var cluster = settings.Cluster;
        if (!cluster.IsCluster)
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            return;
        }

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        if (cluster.AdvertisedAddress is { } address)
        {
            silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
        }

        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = cluster.ProbeTimeout;
            // Orleans stretches the probe period up to 4x, and more while the local silo looks slow (a busy
            // machine): a dead silo then stays "alive" for 30 s and more. The period stays at ProbeTimeout.
            o.MaxProbeTimeout = cluster.ProbeTimeout;
            o.ExtendProbeTimeoutDuringDegradation = false;
            o.NumMissedProbesLimit = cluster.MissedProbes;
            o.NumVotesForDeathDeclaration = cluster.DeathVotes;
        });
        // A directory lookup or registration sent to a silo just before it died waits this long (30 s by
        // default) before it is retried on the new owner: every grain behind it (a pool, its claims) waits too.
        // Placing a grain likewise: an attempt stuck on the dead silo gives up and is retried against the live ones.
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.SystemResponseTimeout = SystemResponseTimeout;
            o.PlacementTimeout = SystemResponseTimeout;
        });
        switch (cluster.Membership)
        {
            case ClusterMembership.Redis:
                silo.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(cluster.ConnectionString!));
                break;
            case ClusterMembership.AzureTable:
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(cluster.ConnectionString));
                break;
        }
    }
}
