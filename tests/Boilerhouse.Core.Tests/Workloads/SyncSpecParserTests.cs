using Boilerhouse.Core.Workloads;
using static Boilerhouse.Core.Tests.Workloads.WorkloadYaml;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public class SyncSpecParserTests
{
    private static string Workload(string sync) => $$"""
        x-boilerhouse:
          id: app
          sync:
        {{sync}}
        image: example/app:1
        volumes:
          - { target: /data, x-boilerhouse-role: state }
          - { target: /secrets, read_only: true, x-boilerhouse-role: secrets }
        """;

    private const string LocalSink = "    sink: { type: local, path: /srv/sink, prefix: \"t/${tenantId}/\" }";
    private const string OneMapping = "    mappings:\n      - { container_path: /data }";

    [Fact]
    public void Parse_without_sync_syncs_nothing() => Assert.Null(Valid(Minimal).Sync);

    [Fact]
    public void Parse_full_s3_spec_with_defaults_filled_in()
    {
        var spec = Valid(Workload("""
                sink:
                  type: s3
                  bucket: my-ml-data
                  region: us-west-2
                  endpoint: http://127.0.0.1:4569
                  chunked_encoding: false
                  prefix: "workloads/${workloadId}/${tenantId}"
                mappings:
                  - container_path: /data/checkpoints
                    pattern: "*.pt"
                    sink_path: checkpoints
                    direction: bidirectional
                    mode: sync
                  - { container_path: /data/logs, pattern: "**/*.log", sink_path: logs/, direction: upload, mode: copy }
                  - { container_path: /data }
                policy: { on_claim: true, on_release: false, interval: 5m, allow_manual_trigger: false }
            """)).Sync!;

        Assert.Equal(new SinkSpec(SinkType.S3, "workloads/${workloadId}/${tenantId}/", "my-ml-data", "us-west-2", new Uri("http://127.0.0.1:4569"), false), spec.Sink);
        Assert.Equal(new SyncMapping("/data/checkpoints", "*.pt", "checkpoints/", SyncDirectionMode.Bidirectional, SyncMode.Sync, "/data"), spec.Mappings[0]);
        Assert.Equal(new SyncMapping("/data/logs", "**/*.log", "logs/", SyncDirectionMode.Upload, SyncMode.Copy, "/data"), spec.Mappings[1]);
        Assert.Equal(new SyncMapping("/data", null, "", SyncDirectionMode.Bidirectional, SyncMode.Sync, "/data"), spec.Mappings[2]);
        Assert.Equal(new SyncPolicy(true, false, TimeSpan.FromMinutes(5), false), spec.Policy);
    }

    [Fact]
    public void Parse_azure_and_local_sinks()
    {
        var azure = Valid(Workload("    sink: { type: azure_blob, container: tenants, connection_setting: MY_BLOBS, prefix: \"${poolId}/${tenantId}\" }\n" + OneMapping)).Sync!;
        var local = Valid(Workload(LocalSink + "\n" + OneMapping)).Sync!;

        Assert.Equal(new SinkSpec(SinkType.AzureBlob, "${poolId}/${tenantId}/", Container: "tenants", ConnectionSetting: "MY_BLOBS"), azure.Sink);
        Assert.Equal(SinkSpec.DefaultAzureConnectionSetting, Valid(Workload("    sink: { type: azure_blob, container: tenants, prefix: \"${tenantId}\" }\n" + OneMapping)).Sync!.Sink.ConnectionSetting);
        Assert.Equal(new SinkSpec(SinkType.Local, "t/${tenantId}/", Path: "/srv/sink"), local.Sink);
        Assert.Equal(SyncPolicy.Default, local.Policy);
    }

    [Theory]
    [InlineData("    sink: { type: s3, bucket: b-1, prefix: \"${tenantId}\", secret_access_key: x }\n" + OneMapping, "x-boilerhouse.sync.sink.secret_access_key", "BOILERHOUSE_S3_SECRET_ACCESS_KEY")]
    [InlineData("    sink: { type: azure_blob, container: c-1, prefix: \"${tenantId}\", connection_string: x }\n" + OneMapping, "x-boilerhouse.sync.sink.connection_string", "connection_setting")]
    [InlineData("    sink: { type: azure_blob, container: c-1, prefix: \"${tenantId}\", connection_setting: \"DefaultEndpointsProtocol=http;AccountKey=x\" }\n" + OneMapping, "x-boilerhouse.sync.sink.connection_setting", "NAME of a setting")]
    [InlineData("    sink: { type: s3, bucket: b-1, prefix: \"${tenantId}\", endpoint: \"http://user:pw@host:1\" }\n" + OneMapping, "x-boilerhouse.sync.sink.endpoint", "without credentials")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"shared/\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "${tenantId}")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"../${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "'..'")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"/abs/${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "relative")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"${tenantId}/${secret}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "only ${tenantId}")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"%2e%2e/${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "'%'")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"data/${poolId}-${tenantId}/\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "whole path segment")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"t-${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "whole path segment")]
    [InlineData("    sink: { type: local, path: /s, prefix: \"${tenantId}.d/\" }\n" + OneMapping, "x-boilerhouse.sync.sink.prefix", "whole path segment")]
    [InlineData("    sink: { type: s3, bucket: \"b-1\\n\", prefix: \"${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.bucket", "not a valid bucket name")]
    [InlineData("    sink: { type: azure_blob, container: c-1, connection_setting: \"MY_BLOBS\\n\", prefix: \"${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.connection_setting", "NAME of a setting")]
    [InlineData("    sink: { type: ftp, prefix: \"${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.type", "expected one of s3, azure_blob, local")]
    [InlineData("    sink: { type: s3, bucket: Bad_Bucket, prefix: \"${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.bucket", "not a valid bucket name")]
    [InlineData("    sink: { type: local, path: /s, bucket: b-1, prefix: \"${tenantId}\" }\n" + OneMapping, "x-boilerhouse.sync.sink.bucket", "does not apply")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /etc }", "x-boilerhouse.sync.mappings[0].container_path", "not inside a state volume")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /secrets }", "x-boilerhouse.sync.mappings[0].container_path", "not inside a state volume")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: data }", "x-boilerhouse.sync.mappings[0].container_path", "absolute path")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /data/../etc }", "x-boilerhouse.sync.mappings[0].container_path", "without '..'")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /data, sink_path: ../other }", "x-boilerhouse.sync.mappings[0].sink_path", "'..'")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /data, pattern: ../*.json }", "x-boilerhouse.sync.mappings[0].pattern", "relative glob")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /data, direction: sideways }", "x-boilerhouse.sync.mappings[0].direction", "upload, download, bidirectional")]
    [InlineData(LocalSink + "\n    mappings:\n      - { container_path: /data, mode: mirror }", "x-boilerhouse.sync.mappings[0].mode", "sync, copy")]
    [InlineData(LocalSink + "\n    mappings: []", "x-boilerhouse.sync.mappings", "non-empty list")]
    [InlineData(LocalSink + "\n" + OneMapping + "\n    policy: { interval: 100ms }", "x-boilerhouse.sync.policy.interval", "at least 1s")]
    [InlineData(LocalSink + "\n" + OneMapping + "\n    policy: { on_claim: maybe }", "x-boilerhouse.sync.policy.on_claim", "true or false")]
    [InlineData(LocalSink + "\n" + OneMapping + "\n    polcy: {}", "x-boilerhouse.sync.polcy", "did you mean 'policy'")]
    [InlineData(OneMapping, "x-boilerhouse.sync.sink", "required")]
    public void Parse_invalid_sync_spec_names_the_field(string sync, string field, string message)
    {
        var error = SingleError(Workload(sync));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Prefix_placeholders_in_one_segment_could_make_two_pools_tenants_share_state()
    {
        // Pool 'a', tenant 'b-c' and pool 'a-b', tenant 'c' both spell 'data/a-b-c/': refused, with the way out.
        var glued = SingleError(Workload("    sink: { type: local, path: /s, prefix: \"data/${poolId}-${tenantId}/\" }\n" + OneMapping));
        var segments = Valid(Workload("    sink: { type: local, path: /s, prefix: \"data/${poolId}/${tenantId}/\" }\n" + OneMapping)).Sync!;

        Assert.Contains("'data/${poolId}/${tenantId}/'", glued.Message, StringComparison.Ordinal);
        Assert.Contains("'${poolId}-${tenantId}'", glued.Message, StringComparison.Ordinal);
        Assert.Equal("data/${poolId}/${tenantId}/", segments.Sink.Prefix);
    }

    [Fact]
    public void Parse_relative_local_path_is_relative_to_the_workload_file()
    {
        var result = WorkloadParser.Parse(Workload("    sink: { type: local, path: ../../.data/sink, prefix: \"${tenantId}\" }\n" + OneMapping), "/repo/config/workloads/app.yaml");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("/repo/.data/sink", result.Spec.Sync!.Sink.Path);
    }
}
