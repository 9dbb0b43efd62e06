using Boilerhouse.Database.Tests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Boilerhouse.Database.Tests;

/// <summary>The migrations of each provider, on an empty database of a real server.</summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrations_bring_an_empty_database_to_the_model(DatabaseProvider provider)
    {
        // Given an empty database
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);

        // When the host's start-up initializer runs
        await new DatabaseInitializer(database.Factory).InitializeAsync(CancellationToken.None);

        // Then every migration is applied and every table answers
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await db.Containers.CountAsync());
        Assert.Equal(0, await db.Tenants.CountAsync());
        Assert.Equal(0, await db.Orchestrations.CountAsync());
        Assert.Equal(0, await db.OrchestrationSteps.CountAsync());
        Assert.Equal(0, await db.SyncRuns.CountAsync());
        Assert.Equal(0, await db.ApiKeys.CountAsync());
        Assert.Equal(0, await db.AuditLog.CountAsync());
        Assert.Equal(0, await db.ActivityLog.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Model_has_no_change_missing_from_the_migrations(DatabaseProvider provider)
    {
        // A change to BoilerhouseDb without ./eng/add-migration fails here, for the provider that lacks it.
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations lag behind the model: run ./eng/add-migration NAME");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Starting_again_on_a_migrated_database_keeps_its_rows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Tenants.Add(new TenantRecord { TenantId = "kept", PoolId = "p", ContainerName = "c", ContainerId = "id" });
            await db.SaveChangesAsync();
        }

        await new DatabaseInitializer(database.Factory).InitializeAsync(CancellationToken.None);

        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.True(await check.Tenants.AnyAsync(t => t.TenantId == "kept"));
    }
}
