using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Boilerhouse.Orchestration.Resources;

public static class ResourceServices
{
    /// <summary>
    /// The resource sampler (a hosted service), its book, its meter and the container finder the API
    /// uses. The meter comes from the host's IMeterFactory (every .NET generic host registers one).
    /// </summary>
    public static IServiceCollection AddBoilerhouseResources(this IServiceCollection services, Action<ResourceOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<ResourceBook>();
        services.AddSingleton<ResourceMeter>();
        services.AddSingleton<ManagedContainerFinder>();
        services.AddSingleton<ResourceSampler>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<ResourceSampler>());
        return services;
    }
}
