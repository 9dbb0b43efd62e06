using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>The one EF Core model: SQLite embedded, PostgreSQL in cluster mode.</summary>
public sealed class BoilerhouseDb(DbContextOptions<BoilerhouseDb> options) : DbContext(options)
{
    // SQLite has one writer at a time and makes the others sleep and retry; queueing writers here
    // instead keeps write latency flat when many claims run at once.
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    public DbSet<ContainerRecord> Containers => Set<ContainerRecord>();
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<OrchestrationRecord> Orchestrations => Set<OrchestrationRecord>();
    public DbSet<OrchestrationStepRecord> OrchestrationSteps => Set<OrchestrationStepRecord>();
    public DbSet<SyncRunRecord> SyncRuns => Set<SyncRunRecord>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<AuditRecord> AuditLog => Set<AuditRecord>();
    public DbSet<ActivityRecord> ActivityLog => Set<ActivityRecord>();
    public DbSet<CommandRecord> CommandLog => Set<CommandRecord>();
    public DbSet<HostFlagsRecord> HostFlags => Set<HostFlagsRecord>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        await WriteAsync(() => base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken), cancellationToken);

    /// <summary>Runs a write (SaveChanges, ExecuteUpdate, ExecuteDelete) as the only writer, on SQLite.</summary>
    public async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken = default)
    {
        if (!Database.IsSqlite())
        {
            return await write();
        }

        await SqliteWriter.WaitAsync(cancellationToken);
        try
        {
            return await write();
        }
        finally
        {
            SqliteWriter.Release();
        }
    }

    // SQLite cannot order or compare DateTimeOffset; all our times are UTC, so a binary form keeps order.
    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        conventions.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        conventions.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<ContainerRecord>(e =>
        {
            e.HasKey(c => c.Name);
            e.HasIndex(c => c.PoolId);
            e.Property(c => c.Status).HasConversion<string>();
            // No double hand-out, whatever the grains believe: a tenant holds at most one claimed container.
            e.HasIndex(c => c.TenantId).IsUnique().HasFilter("\"Status\" = 'Claimed'").HasDatabaseName("UX_Containers_ClaimedTenant");
        });
        model.Entity<TenantRecord>(e =>
        {
            e.HasKey(t => t.TenantId);
            e.Property(t => t.Status).HasConversion<string>();
            // ...and a container is held by at most one tenant.
            e.HasIndex(t => t.ContainerName).IsUnique().HasDatabaseName("UX_Tenants_ContainerName");
        });
        model.Entity<OrchestrationRecord>(e =>
        {
            e.HasKey(o => o.InstanceId);
            e.HasIndex(o => new { o.TenantId, o.CreatedTime });
            e.HasIndex(o => o.CreatedTime);
            e.HasIndex(o => o.RuntimeStatus);
            e.Property(o => o.RuntimeStatus).HasConversion<string>();
            e.HasMany(o => o.Steps).WithOne().HasForeignKey(s => s.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<OrchestrationStepRecord>(e =>
        {
            e.HasIndex(s => new { s.InstanceId, s.Sequence });
            e.Property(s => s.Outcome).HasConversion<string>();
        });
        model.Entity<SyncRunRecord>(e =>
        {
            e.HasIndex(r => new { r.TenantId, r.StartedAt });
            e.HasIndex(r => new { r.PoolId, r.StartedAt });
        });
        model.Entity<ApiKeyRecord>(e =>
        {
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.SecretHash).IsUnique();
        });
        model.Entity<AuditRecord>(e =>
        {
            e.HasIndex(r => r.Time);
            e.HasIndex(r => r.KeyId);
        });
        model.Entity<ActivityRecord>(e =>
        {
            e.ToTable("ActivityLog");
            // The event's id: written by whichever silo sees it first, never numbered here.
            e.Property(r => r.Id).ValueGeneratedNever();
            e.HasIndex(r => r.Time);
            e.HasIndex(r => new { r.TenantId, r.Id });
            e.HasIndex(r => new { r.PoolId, r.Id });
        });
        model.Entity<CommandRecord>(e =>
        {
            e.ToTable("CommandLog");
            e.HasIndex(r => new { r.TenantId, r.Id });
        });
        model.Entity<HostFlagsRecord>(e =>
        {
            e.ToTable("HostFlags");
            e.HasKey(r => r.HostId);
        });
    }
}
