using Boilerhouse.Core.Containers;
using Boilerhouse.Docker;
using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions;

public static class DockerServices
{
    /// <summary>The one Docker engine of the embedded setup (DOCKER_HOST, TLS when a cert path is given).</summary>
    public static IServiceCollection AddBoilerhouseDocker(this IServiceCollection services, BoilerhouseSettings settings)
    {
        var endpoint = new DockerEndpoint
        {
            Uri = settings.DockerHost,
            TlsCertDirectory = settings.DockerCertPath,
            TlsVerify = settings.DockerTlsVerify,
        };
        services.AddSingleton(endpoint);
        services.AddSingleton<IContainerRuntime>(sp => new DockerContainerRuntime(
            endpoint, sp.GetRequiredService<ILogger<DockerContainerRuntime>>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DockerHostProbe(endpoint, sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
