namespace Boilerhouse.Bench;

/// <summary>The workloads the benchmark runs, on the local busybox images.</summary>
public static class BenchWorkloads
{
    public const string Image = "boilerhouse/busybox:local";

    /// <summary>A web server with config and secrets volumes: the warm-claim subject.</summary>
    public static string Web(string id, int min, int max) => $$"""
        x-boilerhouse:
          id: {{id}}
          pool: { min_size: {{min}}, max_size: {{max}} }
          config_schema: { type: object }
        image: {{Image}}
        command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
        ports: ["8080"]
        volumes:
          - { target: /state, x-boilerhouse-role: state }
          - { target: /secrets, read_only: true, x-boilerhouse-role: secrets }
          - { target: /config, x-boilerhouse-role: config }
        healthcheck:
          test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
          interval: 1s
          retries: 3
        deploy:
          resources:
            limits: { cpus: "0.25", memory: 32M }
        """;

    /// <summary>An app whose entrypoint takes ~2 s to become healthy, like a real app's init.</summary>
    public static string SlowStart(string id, int min, int max) => $$"""
        x-boilerhouse:
          id: {{id}}
          pool: { min_size: {{min}}, max_size: {{max}} }
        image: boilerhouse/slowstart:local
        network_mode: none
        volumes:
          - { target: /state, x-boilerhouse-role: state }
        healthcheck:
          test: ["CMD", "test", "-f", "/tmp/ready"]
          interval: 200ms
          retries: 3
          start_period: 10s
        deploy:
          resources:
            limits: { cpus: "0.25", memory: 32M }
        """;

    /// <summary>The lightest container: no health check (running = ready), no network.</summary>
    public static string Tiny(string id, int min, int max) => $$"""
        x-boilerhouse:
          id: {{id}}
          pool: { min_size: {{min}}, max_size: {{max}} }
        image: {{Image}}
        command: ["sh", "-c", "while true; do sleep 60; done"]
        network_mode: none
        volumes:
          - { target: /state, x-boilerhouse-role: state }
        deploy:
          resources:
            limits: { cpus: "0.05", memory: 8M, pids: 16 }
        """;

    /// <summary>A worker whose /state follows the tenant through an S3 sink: the state-sync subject.</summary>
    public static string Synced(string id, int min, int max, Uri s3Endpoint, string bucket) => $$"""
        x-boilerhouse:
          id: {{id}}
          pool: { min_size: {{min}}, max_size: {{max}} }
          sync:
            sink:
              type: s3
              bucket: {{bucket}}
              region: us-east-1
              endpoint: {{s3Endpoint}}
              chunked_encoding: false
              prefix: "bench/${tenantId}/"
            mappings:
              - { container_path: /state, sink_path: data/, direction: bidirectional, mode: sync }
        image: {{Image}}
        command: ["sh", "-c", "while true; do sleep 60; done"]
        network_mode: none
        volumes:
          - { target: /state, x-boilerhouse-role: state }
        deploy:
          resources:
            limits: { cpus: "0.5", memory: 64M }
        """;
}
