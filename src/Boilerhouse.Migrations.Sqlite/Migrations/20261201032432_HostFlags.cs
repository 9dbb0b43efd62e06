using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Boilerhouse.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HostFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HostFlags",
                columns: table => new
                {
                    HostId = table.Column<string>(type: "TEXT", nullable: false),
                    Cordoned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Draining = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostFlags", x => x.HostId);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HostFlags");
        }
    }
}
