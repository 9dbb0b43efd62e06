using Boilerhouse.Functions.Settings;
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
            silo.Services.AddSerializer(s => s.AddJsonSerializer(
                isSupported: type => type.Namespace?.StartsWith("Boilerhouse.Core", StringComparison.Ordinal) == true));
        });
    }
}
