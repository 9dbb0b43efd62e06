using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Sync;

/// <summary>Workloads with x-boilerhouse.sync over each kind of sink, for the sync tests.</summary>
public static class SyncWorkloads
{
    public const string Local = "sy-local";
    public const string S3 = "sy-s3";
    public const string Azure = "sy-azure";
    public const string Periodic = "sy-periodic";
    public const string NoManual = "sy-nomanual";
    public const string NoSync = "sy-none";
    public const string AzureSetting = "BOILERHOUSE_IT_AZURE_STORAGE";

    public static Dictionary<string, string> Files(string localSink, Uri s3Endpoint, string bucket) => new()
    {
        [$"{Local}.yaml"] = Worker(Local, $$"""
              sink: { type: local, path: "{{localSink}}", prefix: "tenants/${tenantId}/" }
              mappings:
                - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
            """),
        [$"{S3}.yaml"] = Worker(S3, $$"""
              sink:
                type: s3
                bucket: {{bucket}}
                region: us-east-1
                endpoint: {{s3Endpoint}}
                chunked_encoding: false
                prefix: "s3/${poolId}/${tenantId}/"
              mappings:
                - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
            """),
        [$"{Azure}.yaml"] = Worker(Azure, $$"""
              sink: { type: azure_blob, container: {{bucket}}, connection_setting: {{AzureSetting}}, prefix: "az/${tenantId}/" }
              mappings:
                - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
            """),
        [$"{Periodic}.yaml"] = Worker(Periodic, $$"""
              sink: { type: local, path: "{{localSink}}", prefix: "periodic/${tenantId}/" }
              mappings:
                - { container_path: /state, pattern: "**/*.log", sink_path: logs/, direction: upload, mode: copy }
              policy: { interval: 1s }
            """),
        [$"{NoManual}.yaml"] = Worker(NoManual, $$"""
              sink: { type: local, path: "{{localSink}}", prefix: "nomanual/${tenantId}/" }
              mappings:
                - { container_path: /state, sink_path: data/ }
              policy: { allow_manual_trigger: false }
            """),
        [$"{NoSync}.yaml"] = Worker(NoSync, null),
    };

    private static string Worker(string id, string? sync) => new WorkloadYaml(id)
    {
        MaxSize = 4,
        Sync = sync,
        Cpus = "0.2",
        Memory = "32M",
    }.ToString();
}
