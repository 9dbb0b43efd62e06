using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Boilerhouse.Orchestration.Persistence;

/// <summary>The one EF Core model: SQLite embedded, PostgreSQL in cluster mode.</summary>
public sealed class BoilerhouseDb(DbContextOptions<BoilerhouseDb> options) : DbContext(options)
{
    public DbSet<ContainerRecord> Containers => Set<ContainerRecord>();
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<OrchestrationRecord> Orchestrations => Set<OrchestrationRecord>();
    public DbSet<OrchestrationStepRecord> OrchestrationSteps => Set<OrchestrationStepRecord>();

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
        });
        model.Entity<TenantRecord>(e =>
        {
            e.HasKey(t => t.TenantId);
            e.Property(t => t.Status).HasConversion<string>();
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
    }
}
