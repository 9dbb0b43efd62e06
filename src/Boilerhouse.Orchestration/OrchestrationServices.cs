using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Events;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Orchestrations.Testing;
using Boilerhouse.Orchestration.Persistence;
using Boilerhouse.Orchestration.Pools;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Telemetry;
using Boilerhouse.Orchestration.Tenants;
using Boilerhouse.Orchestration.Timers;
using Boilerhouse.Orchestration.Timers.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.Orchestration;

public static class OrchestrationServices
{
    /// <summary>Orchestrations, activities, timers and the database (<paramref name="database"/>: SQLite file or PostgreSQL).</summary>
    public static IServiceCollection AddBoilerhouseOrchestration(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddPooledDbContextFactory<BoilerhouseDb>(o => o.UseBoilerhouseDatabase(database));
        services.AddSingleton(database);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContainerFactory>();
        services.AddSingleton<PoolPauses>();
        services.AddSingleton<Workloads.WorkloadFolder>();
        services.AddSingleton<OrchestrationStore>();
        services.AddSingleton<TenantStore>();
        services.AddSingleton<ClaimRotation>();
        services.AddSingleton<Admin.TenantListStore>();
        services.AddSingleton<Admin.ContainerListStore>();
        services.AddSingleton<Admin.ContainerRemover>();
        services.AddSingleton<SyncRunStore>();
        services.AddSingleton<DatabaseProbe>();
        services.AddSingleton<OrchestrationRunner>();
        services.AddMetrics();
        services.AddSingleton<PoolCensus>();
        services.AddSingleton<RecentCounts>();
        services.AddSingleton<BoilerhouseMetrics>();
        // Test-only crash hook: wired only when its setting is present; production observes nothing.
        services.AddSingleton<ICheckpointObserver>(sp =>
            CrashAfterCheckpoint.Parse(sp.GetService<IConfiguration>()?[CrashAfterCheckpoint.Setting]) is { } crash ? crash : NoCheckpointObserver.Instance);
        OrchestrationRegistry.AddTo(services);
        services.AddSingleton<SyncActivity>();
        services.AddSingleton<SyncHistory>();
        services.AddSingleton<RoleVolumeWriter>();
        services.AddSingleton<ContainerDestroyer>();
        services.AddSingleton<CheckTenantActivity>();
        services.AddSingleton<TakeWarmContainerActivity>();
        services.AddSingleton<RestoreStateActivity>();
        services.AddSingleton<ProvisionConfigActivity>();
        services.AddSingleton<ProvisionSecretsActivity>();
        services.AddSingleton<RecordAssignmentActivity>();
        services.AddSingleton<CompensateDestroyContainerActivity>();
        services.AddSingleton<MarkReleasingActivity>();
        services.AddSingleton<SaveStateActivity>();
        services.AddSingleton<DestroyContainerActivity>();
        services.AddSingleton<ClearAssignmentActivity>();
        services.AddSingleton<FindContainerActivity>();
        services.AddSingleton<SyncStateActivity>();
        services.AddSingleton<ContainerFreezer>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddOptions<EventOptions>();
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<IEventPublisher>(sp => sp.GetRequiredService<EventOutbox>());
        services.AddSingleton<EventFeed>();
        services.AddOptions<ActivityLog.ActivityOptions>();
        services.AddSingleton<ActivityStore>();
        services.AddSingleton<CommandLogStore>();
        services.AddSingleton<ActivityLog.ActivityWriter>();
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
        services.AddHostedService<EventPump>();
        services.AddHostedService(sp => sp.GetRequiredService<ActivityLog.ActivityWriter>());
        services.AddSingleton<OrchestrationResumer>();
        services.AddHostedService(sp => sp.GetRequiredService<OrchestrationResumer>());
        services.AddHostedService<TimerScheduler>();
        return services;
    }
}
