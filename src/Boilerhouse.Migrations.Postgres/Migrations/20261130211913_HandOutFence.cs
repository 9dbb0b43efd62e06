using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boilerhouse.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class HandOutFence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "UX_Tenants_ContainerName",
                table: "Tenants",
                column: "ContainerName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "UX_Containers_ClaimedTenant",
                table: "Containers",
                column: "TenantId",
                unique: true,
                filter: "\"Status\" = 'Claimed'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "UX_Tenants_ContainerName",
                table: "Tenants");

            migrationBuilder.DropIndex(
                name: "UX_Containers_ClaimedTenant",
                table: "Containers");
        }
    }
}
