using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Boilerhouse.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Admin;

/// <summary>
/// One host for the admin tests: a pool whose tenants' /state is saved to a local folder sink and
/// whose containers get config, secrets and an environment value filled from a host setting.
/// </summary>
public sealed class AdminFixture : IAsyncLifetime
{
    public const string Synced = "adm-synced";
    public const string Plain = "adm-plain";
    public const string GreetingSetting = "ADMIN_IT_GREETING";
    public const string GreetingValue = "hello-from-host-settings";

    public BoilerhouseApp App { get; private set; } = null!;

    public string Sink { get; private set; } = null!;

    public HttpClient Api => App.Client;

    public IContainerRuntime Runtime => App.Services.GetRequiredService<IContainerRuntime>();

    public Task InitializeAsync()
    {
        Sink = Directory.CreateTempSubdirectory("boilerhouse-admin-sink-").FullName;
        var synced = new WorkloadYaml(Synced)
        {
            MinSize = 2,
            MaxSize = 6,
            Volumes = WorkloadYaml.AllVolumes,
            HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
            Sync = $$"""
                sink: { type: local, path: "{{Sink}}", prefix: "adm/${tenantId}/" }
                mappings:
                  - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
                """,
            ConfigSchema = "type: object",
            Extra = $$"""
                environment:
                  GREETING: "${{{GreetingSetting}}}"
                  LITERAL: "$${HOME}"
                """,
        }.ToString();
        var plain = new WorkloadYaml(Plain) { MinSize = 1, MaxSize = 3, HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3" }.ToString();
        App = BoilerhouseApp.Start(
            new Dictionary<string, string> { [$"{Synced}.yaml"] = synced, [$"{Plain}.yaml"] = plain },
            new Dictionary<string, string> { [GreetingSetting] = GreetingValue });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Directory.Delete(Sink, recursive: true);
    }

    /// <summary>Where the sink keeps a tenant's copy of a file of its /state.</summary>
    public string SinkFile(string tenant, string name) => Path.Combine(Sink, "adm", tenant, "data", name);

    public static string NewTenant() => $"adm-{Guid.NewGuid():N}"[..16];
}

[CollectionDefinition(Name)]
public sealed class AdminCollection : ICollectionFixture<AdminFixture>
{
    public const string Name = "admin";
}
