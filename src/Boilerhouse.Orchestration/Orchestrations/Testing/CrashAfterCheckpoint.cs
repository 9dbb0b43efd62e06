using System.Diagnostics;

namespace Boilerhouse.Orchestration.Orchestrations.Testing;

/// <summary>
/// Test-only, for crash tests: kills this process (SIGKILL, like kill -9) right after a chosen step
/// of a chosen orchestration is checkpointed. Registered only when <see cref="Setting"/> is set.
/// </summary>
public sealed class CrashAfterCheckpoint(string orchestration, int step) : ICheckpointObserver
{
    /// <summary>"name:N": step N of an instance of that orchestration (0 = right after it is created).</summary>
    public const string Setting = "BOILERHOUSE_TEST_CRASH_AFTER";

    public void Checkpointed(string checkpointedOrchestration, int checkpointedStep)
    {
        if (checkpointedOrchestration == orchestration && checkpointedStep == step)
        {
            Process.GetCurrentProcess().Kill();
        }
    }

    /// <summary>The observer a setting asks for; null when it is unset or not "name:N".</summary>
    public static CrashAfterCheckpoint? Parse(string? value) =>
        value?.Split(':') is [var name, var n] && int.TryParse(n, out var step) ? new CrashAfterCheckpoint(name, step) : null;
}
