using Boilerhouse.Functions.Settings;
using Orleans.Configuration;
using Orleans.Serialization;

namespace Boilerhouse.Functions;

public static class SiloSetup
{
    /// <summary>
    /// The embedded single-node silo (localhost clustering). Core's records (specs, endpoints) are
    /// serialized as JSON so Core needs no Orleans attributes.
    /// </summary>
    public static void UseBoilerhouseSilo(this WebApplicationBuilder builder, BoilerhouseSettings settings)
    {
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
            // Starters may wait up to CheckStatus.MaxWaitMs for an instance; grain calls must outlive that.
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMilliseconds(Apis.CheckStatus.MaxWaitMs) + TimeSpan.FromSeconds(30));
            silo.Services.AddSerializer(s => s.AddJsonSerializer(
                isSupported: type => type.Namespace?.StartsWith("Boilerhouse.Core", StringComparison.Ordinal) == true
                    || type.Namespace?.StartsWith("Boilerhouse.Sync", StringComparison.Ordinal) == true));
        });
    }
}
