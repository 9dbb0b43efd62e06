namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>Workload files the integration tests run, on the local busybox image.</summary>
public static class TestWorkloads
{
    public const string Web = "it-web";
    public const string Burst = "it-burst";
    public const string Tiny = "it-tiny";
    public const string Slow = "it-slow";
    public const string Idle = "it-idle";
    public const string Image = "boilerhouse/busybox:local";

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        [$"{Web}.yaml"] = $$"""
            x-boilerhouse:
              id: {{Web}}
              name: Integration web
              pool: { min_size: 2, max_size: 4, idle_timeout: 10m }
              config_schema:
                type: object
                properties:
                  greeting: { type: string }
                  replicas: { type: integer, minimum: 1 }
                required: [greeting]
                additionalProperties: false
            image: {{Image}}
            command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
            ports: ["8080"]
            volumes:
              - { target: /state, x-boilerhouse-role: state }
              - { target: /secrets, read_only: true, x-boilerhouse-role: secrets }
              - { target: /config, read_only: true, x-boilerhouse-role: config }
            healthcheck:
              test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]
              interval: 500ms
              timeout: 2s
              retries: 3
            deploy:
              resources:
                limits: { cpus: "0.5", memory: 64M }
            """,
        [$"{Burst}.yaml"] = Worker(Burst, min: 20, max: 24),
        [$"{Tiny}.yaml"] = Worker(Tiny, min: 1, max: 1),
        [$"{Idle}.yaml"] = Worker(Idle, min: 1, max: 2, idleTimeout: "3s"),
        // Nothing warm and ~2 s to become healthy: claims stay running long enough to watch them.
        [$"{Slow}.yaml"] = $$"""
            x-boilerhouse:
              id: {{Slow}}
              pool: { min_size: 0, max_size: 1, idle_timeout: 1s }
            image: boilerhouse/slowstart:local
            network_mode: none
            volumes:
              - { target: /state, x-boilerhouse-role: state }
            healthcheck:
              test: ["CMD", "test", "-f", "/tmp/ready"]
              interval: 500ms
              # Its ~2 s init must not count as failed checks (three would mark it unhealthy).
              start_period: 20s
            deploy:
              resources:
                limits: { cpus: "0.1", memory: 16M }
            """,
        ["broken.yaml"] = """
            x-boilerhouse:
              id: it-broken
            image: busybox
            deploy:
              resources:
                limits: { memory: lots }
            """,
    };

    private static string Worker(string id, int min, int max, string idleTimeout = "30m") => $$"""
        x-boilerhouse:
          id: {{id}}
          pool: { min_size: {{min}}, max_size: {{max}}, idle_timeout: {{idleTimeout}} }
        image: {{Image}}
        command: ["sh", "-c", "while true; do sleep 1; done"]
        network_mode: none
        volumes:
          - { target: /state, x-boilerhouse-role: state }
          - { target: /secrets, x-boilerhouse-role: secrets }
        healthcheck:
          test: ["CMD", "test", "-d", "/state"]
          interval: 500ms
          retries: 3
        deploy:
          resources:
            limits: { cpus: "0.1", memory: 16M }
        """;
}
