using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Timers;
using Boilerhouse.Orchestration.Timers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.Orchestration;

public static class OrchestrationServices
{
    /// <summary>Orchestrations, activities, timers and the database (SQLite file at <paramref name="sqlitePath"/>).</summary>
    public static IServiceCollection AddBoilerhouseOrchestration(this IServiceCollection services, string sqlitePath)
    {
        services.AddPooledDbContextFactory<BoilerhouseDb>(o => o
            .UseSqlite($"Data Source={sqlitePath};Pooling=True")
            .AddInterceptors(new SqlitePragmas()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContainerFactory>();
        services.AddSingleton<OrchestrationStore>();
        services.AddSingleton<OrchestrationRunner>();
        services.AddSingleton<CrashPoint>();
        services.AddSingleton<ClaimOrchestration>();
        services.AddSingleton<ReleaseOrchestration>();
        services.AddSingleton<SyncOrchestration>();
        services.AddSingleton<SyncActivity>();
        services.AddSingleton<SyncHistory>();
        services.AddSingleton<TakeWarmContainerActivity>();
        services.AddSingleton<ProvisionFilesActivity>();
        services.AddSingleton<DestroyContainerActivity>();
        services.AddSingleton<ContainerFreezer>();
        services.AddSingleton<AssignmentActivity>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>The resumer and the timers; add them after the silo so they start once grains can be called.</summary>
    public static IServiceCollection AddBoilerhouseTimers(this IServiceCollection services)
    {
        services.AddSingleton<ITimerJob, WarmPoolsJob>();
        services.AddSingleton<ITimerJob, HealthCheckJob>();
        services.AddSingleton<ITimerJob, IdleReleaseJob>();
        services.AddSingleton<ITimerJob, OrphanReapingJob>();
        services.AddSingleton<ITimerJob, HostHealthJob>();
        services.AddSingleton<ITimerJob, PeriodicSyncJob>();
        services.AddHostedService<OrchestrationResumer>();
        services.AddHostedService<TimerScheduler>();
        return services;
    }
}
