using Boilerhouse.Testing;

namespace Boilerhouse.Bench;

/// <summary>The workloads the benchmark runs, on the local busybox images.</summary>
public static class BenchWorkloads
{
    /// <summary>A web server with config and secrets volumes: the warm-claim subject.</summary>
    public static string Web(string id, int min, int max) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        IdleTimeout = null,
        ConfigSchema = "type: object",
        Command = WorkloadYaml.WebServer,
        NetworkMode = null,
        Ports = ["8080"],
        Volumes = [WorkloadYaml.Volume("state"), WorkloadYaml.Volume("secrets", readOnly: true), WorkloadYaml.Volume("config")],
        HealthCheck = WorkloadYaml.WebHealth + "\ninterval: 1s\nretries: 3",
        Cpus = "0.25",
        Memory = "32M",
    }.ToString();

    /// <summary>An app whose entrypoint takes ~2 s to become healthy, like a real app's init.</summary>
    public static string SlowStart(string id, int min, int max) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        IdleTimeout = null,
        Image = "boilerhouse/slowstart:local",
        Command = null,
        HealthCheck = "test: [\"CMD\", \"test\", \"-f\", \"/tmp/ready\"]\ninterval: 200ms\nretries: 3\nstart_period: 10s",
        Cpus = "0.25",
        Memory = "32M",
    }.ToString();

    /// <summary>The lightest container: no health check (running = ready), no network.</summary>
    public static string Tiny(string id, int min, int max) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        IdleTimeout = null,
        Command = """["sh", "-c", "while true; do sleep 60; done"]""",
        Cpus = "0.05",
        Memory = "8M",
        Pids = 16,
    }.ToString();

    /// <summary>A worker whose /state follows the tenant through an S3 sink: the state-sync subject.</summary>
    public static string Synced(string id, int min, int max, Uri s3Endpoint, string bucket) => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        IdleTimeout = null,
        Sync = $$"""
            sink:
              type: s3
              bucket: {{bucket}}
              region: us-east-1
              endpoint: {{s3Endpoint}}
              chunked_encoding: false
              prefix: "bench/${tenantId}/"
            mappings:
              - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
            """,
        Command = """["sh", "-c", "while true; do sleep 60; done"]""",
        Cpus = "0.5",
        Memory = "64M",
    }.ToString();
}
