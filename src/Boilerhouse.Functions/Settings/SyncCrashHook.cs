using System.Diagnostics;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Test-only crash point for torn-save tests: with BOILERHOUSE_TEST_SYNC_CRASH=before-manifest the
/// host kills itself (SIGKILL, like kill -9) after a save's data and before its final manifest.
/// One-shot: it fires only while the marker file <see cref="MarkerFile"/> exists in the data folder,
/// and claims the marker (rename) before it fires, so a restarted host never fires it again.
/// Without the setting nothing is registered.
/// </summary>
public static class SyncCrashHook
{
    public const string Setting = "BOILERHOUSE_TEST_SYNC_CRASH";
    public const string MarkerFile = "sync-crash.armed";

    public static Action? From(IConfiguration configuration, string dataDirectory) =>
        configuration[Setting] == "before-manifest" ? () => Fire(Path.Combine(dataDirectory, MarkerFile)) : null;

    private static void Fire(string marker)
    {
        try
        {
            File.Move(marker, marker + ".fired", overwrite: true);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        Process.GetCurrentProcess().Kill();
    }
}
