using Boilerhouse.Sync.Integrity;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.Sync;

public static class SyncServices
{
    /// <summary>The sync engine and its sinks; <paramref name="settings"/> looks settings up by name (credentials, connection strings).</summary>
    public static IServiceCollection AddBoilerhouseSync(this IServiceCollection services, Func<string, string?> settings, SyncOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<ISinkFactory>(s => new SinkFactory(settings, s.GetService<TimeProvider>(), s.GetService<Microsoft.Extensions.Logging.ILogger<SinkFactory>>()));
        services.AddSingleton<SinkHealthCheck>();
        services.AddSingleton<StateVerifier>();
        services.AddSingleton<SyncEngine>();
        return services;
    }
}
