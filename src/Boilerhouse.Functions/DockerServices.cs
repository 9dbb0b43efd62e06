using Boilerhouse.Core.Containers;
using Boilerhouse.Docker;
using Boilerhouse.Functions.Settings;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Functions;

public static class DockerServices
{
    /// <summary>
    /// The Docker hosts (the hosts file's, else DOCKER_HOST as the one host "local"), a runtime and a
    /// probe per host, and which host runs which container. The first host also serves code that
    /// talks to one engine (the health page, orphan reaping).
    /// </summary>
    public static IServiceCollection AddBoilerhouseDocker(this IServiceCollection services, BoilerhouseSettings settings)
    {
        var catalog = new HostCatalog(settings.Hosts.Hosts);
        services.AddSingleton(catalog);
        services.Configure<HostHealthOptions>(o =>
        {
            o.UnhealthyAfter = settings.Hosts.UnhealthyAfter;
            o.ProbeTimeout = settings.Hosts.ProbeTimeout;
        });
        services.AddSingleton<DockerHosts>();
        services.AddSingleton<ContainerLocator>();

        var first = catalog.Hosts[0];
        services.AddSingleton(first.Endpoint);
        services.AddSingleton<IContainerRuntime>(sp => sp.GetRequiredService<DockerHosts>().Runtime(first.Id));
        return services;
    }
}
