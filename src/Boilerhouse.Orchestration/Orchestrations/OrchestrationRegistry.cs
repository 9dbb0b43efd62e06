using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>
/// Every orchestration this version can run, by name: tenant grains start and resume instances
/// through it and the status API lists its names. Adding an orchestration is its class and one
/// line in <see cref="Declared"/>.
/// </summary>
public sealed class OrchestrationRegistry
{
    public static readonly IReadOnlyList<OrchestrationEntry> Declared =
    [
        OrchestrationEntry.Of<ClaimOrchestration>(),
        OrchestrationEntry.Of<ReleaseOrchestration>(),
        OrchestrationEntry.Of<SyncOrchestration>(),
    ];

    private readonly Dictionary<string, IOrchestration> _byName;

    public OrchestrationRegistry(IServiceProvider services)
        : this(Declared.ToDictionary(e => e.Name, e => (IOrchestration)services.GetRequiredService(e.Type)))
    {
    }

    /// <summary>A registry of exactly these orchestrations (tests).</summary>
    public OrchestrationRegistry(IReadOnlyDictionary<string, IOrchestration> orchestrations) =>
        _byName = new Dictionary<string, IOrchestration>(orchestrations, StringComparer.Ordinal);

    public static IReadOnlyList<string> Names { get; } = [.. Declared.Select(e => e.Name)];

    public bool TryGet(string name, out IOrchestration orchestration) => _byName.TryGetValue(name, out orchestration!);

    /// <summary>Runs or resumes a stored instance; one whose orchestration this version lacks fails ORCHESTRATION_UNKNOWN.</summary>
    public Task<InstanceOutcome> RunAsync(OrchestrationRunner runner, OrchestrationRun run)
    {
        var record = run.Record;
        return TryGet(record.Name, out var orchestration)
            ? orchestration.RunAsync(runner, run)
            : runner.FailAsync(record.InstanceId, OrchestrationErrorCodes.Unknown,
                $"Instance '{record.InstanceId}' is an orchestration '{record.Name}', which this version does not have " +
                $"(it has {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))}); it cannot be resumed.");
    }

    public T Get<T>() where T : IOrchestration, INamedOrchestration => (T)_byName[T.Name];

    /// <summary>Registers every declared orchestration as a singleton, and the registry.</summary>
    public static void AddTo(IServiceCollection services)
    {
        foreach (var entry in Declared)
        {
            services.AddSingleton(entry.Type);
        }

        services.AddSingleton(sp => new OrchestrationRegistry(sp));
    }
}

/// <summary>One declared orchestration: its stored name, its class and the records it takes and answers.</summary>
public sealed record OrchestrationEntry(string Name, Type Type, Type InputType, Type OutputType)
{
    public static OrchestrationEntry Of<T>() where T : IOrchestration, INamedOrchestration
    {
        var generic = typeof(T).BaseType!.GetGenericArguments();
        return new(T.Name, typeof(T), generic[0], generic[1]);
    }
}
