using Boilerhouse.Orchestration.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace Boilerhouse.Migrations.Postgres;

/// <summary>What `dotnet ef` uses to build the model (see eng/add-migration): no host started, no database needed.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<BoilerhouseDb>
{
    public BoilerhouseDb CreateDbContext(string[] args) => new(DatabaseOptions.For(DatabaseSettings.Postgres("Host=127.0.0.1;Database=boilerhouse_design")));
}
