using Boilerhouse.Orchestration.Persistence;
using Npgsql;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// BOILERHOUSE_DATABASE (sqlite, the default, or postgres) and BOILERHOUSE_POSTGRES (an Npgsql
/// connection string). Errors name the setting, never its value: the connection string may hold a password.
/// </summary>
internal static class DatabaseSettingsLoader
{
    public const string ProviderSetting = "BOILERHOUSE_DATABASE";
    public const string PostgresSetting = "BOILERHOUSE_POSTGRES";

    public static DatabaseSettings Load(IConfiguration configuration, string sqlitePath)
    {
        var reader = new SettingsReader(configuration);
        var provider = reader.String(ProviderSetting, "sqlite").ToLowerInvariant();
        switch (provider)
        {
            case "sqlite":
                return DatabaseSettings.Sqlite(sqlitePath);
            case "postgres" or "postgresql":
                var connectionString = reader.String(PostgresSetting, "");
                if (connectionString.Length == 0)
                {
                    throw new SettingsException($"{ProviderSetting}=postgres needs {PostgresSetting}, a connection string such as 'Host=127.0.0.1;Port=5432;Database=boilerhouse;Username=boilerhouse;Password=...'.");
                }

                try
                {
                    _ = new NpgsqlConnectionStringBuilder(connectionString);
                }
                catch (ArgumentException)
                {
                    throw new SettingsException($"{PostgresSetting} is not a valid PostgreSQL connection string (Host=...;Port=...;Database=...;Username=...;Password=...).");
                }

                return DatabaseSettings.Postgres(connectionString);
            default:
                throw new SettingsException($"{ProviderSetting} must be 'sqlite' or 'postgres', not '{provider}'.");
        }
    }
}
