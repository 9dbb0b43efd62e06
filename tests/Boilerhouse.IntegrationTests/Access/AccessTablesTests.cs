using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Access;

public sealed class AccessTablesTests
{
    [Fact]
    public async Task Database_created_before_access_control_gets_its_tables_and_keeps_its_rows()
    {
        // Given a database as an earlier version left it (made by EnsureCreated: no migrations history,
        // no key, audit or activity tables, none of the later indexes), one tenant row
        var data = Directory.CreateTempSubdirectory("boilerhouse-upgrade-").FullName;
        try
        {
            await using (var old = BoilerhouseApp.Start(new Dictionary<string, string>(), new Dictionary<string, string> { ["BOILERHOUSE_DATA_DIR"] = data }))
            {
                await using var db = await old.Services.GetRequiredService<IDbContextFactory<BoilerhouseDb>>().CreateDbContextAsync();
                await db.Database.ExecuteSqlRawAsync(
                    "DROP TABLE ApiKeys; DROP TABLE AuditLog; DROP TABLE ActivityLog; DROP TABLE CommandLog; DROP TABLE HostFlags; DROP TABLE __EFMigrationsHistory; " +
                    "DROP INDEX UX_Tenants_ContainerName; DROP INDEX UX_Containers_ClaimedTenant;");
                db.Tenants.Add(new TenantRecord { TenantId = "kept", PoolId = "p", ContainerName = "c", ContainerId = "id", Status = TenantStatus.Lost });
                await db.SaveChangesAsync();
            }

            // When this version starts on it with an admin key
            var admin = KeyedApi.NewAdminKey();
            await using var app = BoilerhouseApp.Start(new Dictionary<string, string>(),
                new Dictionary<string, string> { ["BOILERHOUSE_DATA_DIR"] = data, ["BOILERHOUSE_ADMIN_KEY"] = admin });

            // Then keys and the audit log work, and the old row is there
            var (created, _) = await app.Client.SendAsync(admin, HttpMethod.Post, "/api/v1/keys", new { name = "after upgrade", role = "reader" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var (_, audit) = await app.Client.SendAsync(admin, HttpMethod.Get, "/api/v1/audit");
            Assert.Single(audit["entries"]!.AsArray());
            var (activity, _) = await app.Client.SendAsync(admin, HttpMethod.Get, "/api/v1/activity");
            Assert.Equal(HttpStatusCode.OK, activity.StatusCode);
            var (commands, _) = await app.Client.SendAsync(admin, HttpMethod.Get, "/api/v1/tenants/kept/commands");
            Assert.Equal(HttpStatusCode.OK, commands.StatusCode);
            await using var check = await app.Services.GetRequiredService<IDbContextFactory<BoilerhouseDb>>().CreateDbContextAsync();
            Assert.True(await check.Tenants.AnyAsync(t => t.TenantId == "kept"));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
