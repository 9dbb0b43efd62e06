using Boilerhouse.Orchestration.Activities;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

/// <summary>A named test step whose work is a lambda; counts its runs. A decision may run again, so its checkpoint is deferred.</summary>
internal sealed class Step<T>(string name, Func<CancellationToken, Task<T>> run, bool checkpointAtOnce = true, AssignmentWrite? writes = null) : Activity<int, T>
{
    public int Runs { get; private set; }

    public override string Name => name;

    public override bool CheckpointAtOnce => checkpointAtOnce;

    public override AssignmentWrite? WritesAssignment(int input) => writes;

    public override Task<T> RunAsync(int input, CancellationToken cancellationToken)
    {
        Runs++;
        return run(cancellationToken);
    }
}

internal static class Step
{
    public static Step<T> Of<T>(string name, Func<CancellationToken, Task<T>> run) => new(name, run);

    public static Step<T> Returning<T>(string name, T value) => new(name, _ => Task.FromResult(value));

    public static Step<T> Deciding<T>(string name, T value) => new(name, _ => Task.FromResult(value), checkpointAtOnce: false);

    public static Step<T> Writing<T>(string name, AssignmentWrite writes, Func<CancellationToken, Task<T>> run) => new(name, run, writes: writes);
}
