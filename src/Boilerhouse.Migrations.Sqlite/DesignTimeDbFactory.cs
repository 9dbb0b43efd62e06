using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Boilerhouse.Migrations.Sqlite;

/// <summary>What `dotnet ef` uses to build the model (see eng/add-migration): no host started, no database needed.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<BoilerhouseDb>
{
    public BoilerhouseDb CreateDbContext(string[] args) => new(DatabaseOptions.For(DatabaseSettings.Sqlite("design-time.db")));
}
