using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>What the registry runs: any orchestration, whatever its input and output.</summary>
public interface IOrchestration
{
    Type InputType { get; }

    Type OutputType { get; }

    /// <summary>Runs (or resumes) a stored instance of this orchestration to its end.</summary>
    Task<InstanceOutcome> RunAsync(OrchestrationRunner runner, OrchestrationRun run);
}

/// <summary>The name an orchestration's instances are stored under: declared once, on its class, never changed once shipped.</summary>
public interface INamedOrchestration
{
    static abstract string Name { get; }
}

/// <summary>
/// An orchestration with input <typeparamref name="TIn"/> and output <typeparamref name="TOut"/>: its
/// steps are activities called through the context, and its input round-trips through the stored
/// instance so that it can resume after a restart.
/// </summary>
public abstract class Orchestration<TIn, TOut> : IOrchestration
{
    public Type InputType => typeof(TIn);

    public Type OutputType => typeof(TOut);

    /// <summary>The input as the instance stores and shows it (secrets redacted).</summary>
    public abstract string WriteInput(TIn input);

    /// <summary>The input of a stored instance, to run or resume it; secret values come from memory when still there.</summary>
    public abstract TIn ReadInput(OrchestrationRecord record, IReadOnlyDictionary<string, string>? secrets);

    public abstract Task<TOut> RunAsync(OrchestrationContext context, TIn input, CancellationToken cancellationToken);

    Task<InstanceOutcome> IOrchestration.RunAsync(OrchestrationRunner runner, OrchestrationRun run) =>
        runner.RunAsync(run, (context, ct) => RunAsync(context, ReadInput(run.Record, run.Secrets), ct));
}
