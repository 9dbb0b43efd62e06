using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Docker.Tests;

/// <summary>Workloads built directly as records (no YAML), on the local busybox image from eng/build-images.sh.</summary>
internal static class TestWorkloads
{
    public const string Image = "boilerhouse/busybox:local";
    public const long MemoryLimit = 64L * 1024 * 1024;
    public const decimal CpuLimit = 0.5m;
    public const long PidsLimit = 64;

    public static readonly SecuritySpec Hardened = new(
        ReadOnlyRootFilesystem: true,
        User: "65534:65534",
        CapDrop: ["ALL"],
        CapAdd: [],
        SecurityOpt: ["no-new-privileges:true"],
        Runtime: null);

    public static IReadOnlyList<VolumeSpec> RoleVolumes { get; } =
    [
        new("/state", ReadOnly: false, VolumeRole.State),
        new("/config", ReadOnly: false, VolumeRole.Config),
        new("/secrets", ReadOnly: true, VolumeRole.Secrets),
    ];

    public static HealthCheckSpec HttpHealthCheck { get; } = new(
        ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"],
        Interval: TimeSpan.FromMilliseconds(200),
        Timeout: TimeSpan.FromSeconds(2),
        Retries: 3,
        StartPeriod: TimeSpan.FromSeconds(5));

    /// <summary>busybox httpd serving /www on 8080, published on a free loopback port, with a wget health check.</summary>
    public static WorkloadSpec Httpd() => Base("httpd") with
    {
        Command = ["httpd", "-f", "-p", "8080", "-h", "/www"],
        HealthCheck = HttpHealthCheck,
        Ports = [new PortSpec(8080, "tcp", "127.0.0.1", HostPort: null)],
    };

    /// <summary>A container that only sleeps; health check as given (none by default).</summary>
    public static WorkloadSpec Sleeper(HealthCheckSpec? healthCheck = null) => Base("sleeper") with
    {
        Command = ["sleep", "3600"],
        HealthCheck = healthCheck,
    };

    public static WorkloadSpec Shell(string script) => Base("shell") with { Command = ["sh", "-c", script] };

    private static WorkloadSpec Base(string id) => new()
    {
        Id = id,
        Name = id,
        Image = Image,
        Environment = new Dictionary<string, string> { ["GREETING"] = "hello", ["API_TOKEN"] = "not-a-real-secret" },
        Volumes = RoleVolumes,
        Resources = new ResourceSpec(CpuLimit, MemoryLimit, CpuReservation: 0m, MemoryReservationBytes: 16L * 1024 * 1024, PidsLimit),
        Security = Hardened,
        Labels = new Dictionary<string, string> { ["example.workload"] = id },
        Pool = new PoolSpec(1, 5, TimeSpan.FromMinutes(30)),
    };
}
