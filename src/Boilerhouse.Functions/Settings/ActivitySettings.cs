using Boilerhouse.Orchestration.ActivityLog;

namespace Boilerhouse.Functions.Settings;

/// <summary>The activity log's settings: BOILERHOUSE_ACTIVITY_RETENTION_DAYS (default 7, 1 to 3650).</summary>
public static class ActivitySettings
{
    public const string RetentionKey = "BOILERHOUSE_ACTIVITY_RETENTION_DAYS";

    /// <summary>Reads and checks the settings; a bad value stops start-up (SettingsException) naming it.</summary>
    public static ActivityOptions Load(IConfiguration configuration) =>
        new() { Retention = TimeSpan.FromDays(new SettingsReader(configuration).Int(RetentionKey, 7, 1, 3650)) };
}
