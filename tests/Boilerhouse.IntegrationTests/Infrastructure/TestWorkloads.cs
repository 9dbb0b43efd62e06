using Boilerhouse.Testing;

namespace Boilerhouse.IntegrationTests.Infrastructure;

/// <summary>Workload files the integration tests run, on the local busybox image.</summary>
public static class TestWorkloads
{
    public const string Web = "it-web";
    public const string Burst = "it-burst";
    public const string Tiny = "it-tiny";
    public const string Slow = "it-slow";
    public const string Idle = "it-idle";
    public const string Image = WorkloadYaml.BusyboxImage;

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        [$"{Web}.yaml"] = new WorkloadYaml(Web)
        {
            Name = "Integration web",
            MinSize = 2,
            MaxSize = 4,
            IdleTimeout = "10m",
            ConfigSchema = """
                type: object
                properties:
                  greeting: { type: string }
                  replicas: { type: integer, minimum: 1 }
                required: [greeting]
                additionalProperties: false
                """,
            Command = WorkloadYaml.WebServer,
            NetworkMode = null,
            Ports = ["8080"],
            Volumes = WorkloadYaml.AllVolumes,
            // A patient timeout: on a loaded 2-core machine one `docker exec` of the check can take seconds.
            HealthCheck = WorkloadYaml.WebHealth + "\ninterval: 500ms\ntimeout: 10s\nretries: 3",
            Cpus = "0.5",
            Memory = "64M",
        }.ToString(),
        [$"{Burst}.yaml"] = Worker(Burst, min: 20, max: 24),
        [$"{Tiny}.yaml"] = Worker(Tiny, min: 1, max: 1),
        [$"{Idle}.yaml"] = Worker(Idle, min: 1, max: 2, idleTimeout: "3s"),
        // Nothing warm and ~2 s to become healthy: claims stay running long enough to watch them.
        [$"{Slow}.yaml"] = new WorkloadYaml(Slow)
        {
            MinSize = 0,
            MaxSize = 1,
            IdleTimeout = "1s",
            Image = "boilerhouse/slowstart:local",
            Command = null,
            // Its ~2 s init must not count as failed checks (three would mark it unhealthy).
            HealthCheck = "test: [\"CMD\", \"test\", \"-f\", \"/tmp/ready\"]\ninterval: 500ms\nstart_period: 20s",
        }.ToString(),
        ["broken.yaml"] = """
            x-boilerhouse:
              id: it-broken
            image: busybox
            deploy:
              resources:
                limits: { memory: lots }
            """,
    };

    private static string Worker(string id, int min, int max, string idleTimeout = "30m") => new WorkloadYaml(id)
    {
        MinSize = min,
        MaxSize = max,
        IdleTimeout = idleTimeout,
        Volumes = [WorkloadYaml.Volume("state"), WorkloadYaml.Volume("secrets")],
        HealthCheck = WorkloadYaml.StateHealth + "\ninterval: 500ms\nretries: 3",
    }.ToString();
}
