using System.Runtime.CompilerServices;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Orchestrations.Testing;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.Orchestration.Tests.Orchestrations;

public sealed class OrchestrationRegistryTests
{
    [Fact]
    public void Registry_declares_each_orchestration_with_its_stored_name_input_and_output()
    {
        Assert.Equal(["claim", "release", "sync"], OrchestrationRegistry.Names);
        Assert.Equal(
            [
                ("claim", typeof(ClaimOrchestration), typeof(ClaimCommand), typeof(ClaimResult)),
                ("release", typeof(ReleaseOrchestration), typeof(ReleaseCommand), typeof(ReleaseResult)),
                ("sync", typeof(SyncOrchestration), typeof(TenantSync), typeof(SyncSummary)),
            ],
            OrchestrationRegistry.Declared.Select(e => (e.Name, e.Type, e.InputType, e.OutputType)));
    }

    /// <summary>
    /// Stored histories name their steps: a renamed activity would fail every instance interrupted
    /// by the upgrade. These are the names recorded since the first release; never change one.
    /// </summary>
    [Fact]
    public void Step_names_stay_exactly_as_stored_histories_record_them()
    {
        var names = typeof(Activity<,>).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsClass: true } && IsActivity(t))
            .ToDictionary(t => t.Name, StepName);

        Assert.Equal(new Dictionary<string, string>
        {
            [nameof(CheckTenantActivity)] = "CheckTenant",
            [nameof(TakeWarmContainerActivity)] = "TakeWarmContainerActivity",
            [nameof(RestoreStateActivity)] = "RestoreState",
            [nameof(ProvisionConfigActivity)] = "ProvisionConfig",
            [nameof(ProvisionSecretsActivity)] = "ProvisionSecrets",
            [nameof(RecordAssignmentActivity)] = "RecordAssignment",
            [nameof(CompensateDestroyContainerActivity)] = "CompensateDestroyContainer",
            [nameof(MarkReleasingActivity)] = "MarkReleasing",
            [nameof(SaveStateActivity)] = "SaveState",
            [nameof(DestroyContainerActivity)] = "DestroyContainerActivity",
            [nameof(ClearAssignmentActivity)] = "ClearAssignment",
            [nameof(FindContainerActivity)] = "FindContainer",
            [nameof(SyncStateActivity)] = "Sync",
        }, names);
    }

    [Fact]
    public void Production_wiring_observes_no_checkpoint()
    {
        using var services = Build(new Dictionary<string, string?>());

        Assert.IsType<NoCheckpointObserver>(services.GetRequiredService<ICheckpointObserver>());
    }

    [Fact]
    public void Crash_setting_wires_the_test_crash_observer()
    {
        using var services = Build(new Dictionary<string, string?> { [CrashAfterCheckpoint.Setting] = "claim:2" });

        Assert.IsType<CrashAfterCheckpoint>(services.GetRequiredService<ICheckpointObserver>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("claim")]
    [InlineData("claim:two")]
    [InlineData("claim:1:2")]
    public void Crash_setting_that_is_not_name_and_step_wires_nothing(string? value) =>
        Assert.Null(CrashAfterCheckpoint.Parse(value));

    private static bool IsActivity(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Activity<,>))
            {
                return true;
            }
        }

        return false;
    }

    // A step's name is a constant of its class: read it without building the activity's services.
    private static string StepName(Type type) => (string)type.GetProperty("Name")!.GetValue(RuntimeHelpers.GetUninitializedObject(type))!;

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddBoilerhouseOrchestration(Persistence.DatabaseSettings.Sqlite(Path.Combine(Path.GetTempPath(), $"bh-unused-{Guid.NewGuid():N}.db")));
        return services.BuildServiceProvider();
    }
}
