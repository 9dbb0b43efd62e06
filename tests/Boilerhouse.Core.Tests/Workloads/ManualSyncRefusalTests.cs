using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Tests.Workloads;

public class ManualSyncRefusalTests
{
    private static readonly WorkloadCatalog Catalog = WorkloadCatalog.FromYaml(
    [
        ("plain.yaml", "x-boilerhouse: {id: plain}\nimage: a"),
        ("synced.yaml", Synced("synced", allowManual: true)),
        ("locked.yaml", Synced("locked", allowManual: false)),
    ]);

    private static string Synced(string id, bool allowManual) => $$"""
        x-boilerhouse:
          id: {{id}}
          sync:
            sink: { type: local, path: /srv/sink, prefix: "${tenantId}/" }
            mappings: [{ container_path: /state }]
            policy: { allow_manual_trigger: {{(allowManual ? "true" : "false")}} }
        image: a
        volumes: [{ target: /state, x-boilerhouse-role: state }]
        """;

    [Fact]
    public void Pool_with_a_sync_spec_that_allows_it_may_be_synced_by_hand()
    {
        Assert.Empty(Catalog.Errors);
        Assert.Null(ManualSyncRefusal.For(Catalog, "synced"));
    }

    [Theory]
    [InlineData("plain", ErrorCodes.SyncNotConfigured, "x-boilerhouse.sync")]
    [InlineData("unknown", ErrorCodes.SyncNotConfigured, "x-boilerhouse.sync")]
    [InlineData("locked", ErrorCodes.ManualSyncNotAllowed, "allow_manual_trigger is false")]
    public void Refusal_names_the_code_and_the_reason(string poolId, string code, string reason)
    {
        var refusal = ManualSyncRefusal.For(Catalog, poolId);

        Assert.Equal(code, refusal?.Code);
        Assert.Contains(reason, refusal!.Message, StringComparison.Ordinal);
        Assert.Contains($"'{poolId}'", refusal.Message, StringComparison.Ordinal);
    }
}
