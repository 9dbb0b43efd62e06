using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Test-only hook for crash tests: kills this process (SIGKILL, like kill -9) right after a chosen
/// step of a chosen orchestration is checkpointed. Inert unless OrchestrationOptions.CrashAfter is set.
/// </summary>
public sealed class CrashPoint(IOptions<OrchestrationOptions> options)
{
    private readonly (string Name, int Step)? _target = Parse(options.Value.CrashAfter);

    public void AfterStep(string orchestration, int step)
    {
        if (_target is { } t && t.Name == orchestration && t.Step == step)
        {
            Process.GetCurrentProcess().Kill();
        }
    }

    private static (string, int)? Parse(string? value) =>
        value?.Split(':') is [var name, var step] && int.TryParse(step, out var n) ? (name, n) : null;
}
