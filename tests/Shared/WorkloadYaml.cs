using System.Text;

namespace Boilerhouse.Testing;

/// <summary>
/// The one place tests and the benchmark write workload files: a worker on the local busybox image
/// (no network, a /state volume, small limits) unless told otherwise. Blocks (sync, config schema,
/// health check, extras) are written unindented; the builder places them.
/// </summary>
public sealed record WorkloadYaml(string Id)
{
    public const string BusyboxImage = "boilerhouse/busybox:local";
    public const string SleepLoop = """["sh", "-c", "while true; do sleep 1; done"]""";
    public const string WebServer = """["httpd", "-f", "-p", "8080", "-h", "/www"]""";
    public const string WebHealth = """test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]""";
    public const string StateHealth = """test: ["CMD", "test", "-d", "/state"]""";

    public string? Name { get; init; }
    public string Image { get; init; } = BusyboxImage;
    /// <summary>The compose command as a flow list; null leaves the image's own.</summary>
    public string? Command { get; init; } = SleepLoop;
    public int MinSize { get; init; } = 1;
    public int MaxSize { get; init; } = 2;
    public string? IdleTimeout { get; init; } = "30m";
    /// <summary>null writes no network_mode (Docker's default bridge).</summary>
    public string? NetworkMode { get; init; } = "none";
    public IReadOnlyList<string> Ports { get; init; } = [];
    /// <summary>Volume lines as flow mappings, e.g. <c>{ target: /state, x-boilerhouse-role: state }</c>.</summary>
    public IReadOnlyList<string> Volumes { get; init; } = [Volume("state")];
    /// <summary>The health check's body (test, interval, ...); null: none (running is ready).</summary>
    public string? HealthCheck { get; init; }
    public string Cpus { get; init; } = "0.1";
    public string Memory { get; init; } = "16M";
    public int? Pids { get; init; }
    public string? Sync { get; init; }
    public string? ConfigSchema { get; init; }
    public string? Placement { get; init; }
    /// <summary>x-boilerhouse.pools as a flow list (e.g. <c>[{ id: a, min_size: 1 }]</c>), written instead of the pool block.</summary>
    public string? Pools { get; init; }
    /// <summary>More lines under x-boilerhouse.</summary>
    public string? Extension { get; init; }
    /// <summary>More top-level lines (security_opt, cap_add, ...).</summary>
    public string? Extra { get; init; }

    /// <summary>A volume of the given role mounted at /role (state, config, secrets).</summary>
    public static string Volume(string role, bool readOnly = false) =>
        readOnly ? $"{{ target: /{role}, read_only: true, x-boilerhouse-role: {role} }}" : $"{{ target: /{role}, x-boilerhouse-role: {role} }}";

    /// <summary>State, secrets and config volumes (secrets read-only).</summary>
    public static IReadOnlyList<string> AllVolumes => [Volume("state"), Volume("secrets", readOnly: true), Volume("config", readOnly: true)];

    public override string ToString()
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("x-boilerhouse:");
        yaml.AppendLine($"  id: {Id}");
        if (Name is not null)
        {
            yaml.AppendLine($"  name: {Name}");
        }

        var idle = IdleTimeout is null ? "" : $", idle_timeout: {IdleTimeout}";
        yaml.AppendLine(Pools is null ? $"  pool: {{ min_size: {MinSize}, max_size: {MaxSize}{idle} }}" : $"  pools: {Pools}");
        Block(yaml, "  ", "config_schema", ConfigSchema);
        Block(yaml, "  ", "placement", Placement);
        Block(yaml, "  ", "sync", Sync);
        Lines(yaml, "  ", Extension);
        yaml.AppendLine($"image: {Image}");
        if (Command is not null)
        {
            yaml.AppendLine($"command: {Command}");
        }

        if (NetworkMode is not null)
        {
            yaml.AppendLine($"network_mode: {NetworkMode}");
        }

        if (Ports.Count > 0)
        {
            yaml.AppendLine($"ports: [{string.Join(", ", Ports.Select(p => $"\"{p}\""))}]");
        }

        if (Volumes.Count > 0)
        {
            yaml.AppendLine("volumes:");
            foreach (var volume in Volumes)
            {
                yaml.AppendLine($"  - {volume}");
            }
        }

        Block(yaml, "", "healthcheck", HealthCheck);
        yaml.AppendLine("deploy:");
        yaml.AppendLine("  resources:");
        var pids = Pids is null ? "" : $", pids: {Pids}";
        yaml.AppendLine($"    limits: {{ cpus: \"{Cpus}\", memory: {Memory}{pids} }}");
        Lines(yaml, "", Extra);
        return yaml.ToString();
    }

    private static void Block(StringBuilder yaml, string indent, string key, string? body)
    {
        if (body is null)
        {
            return;
        }

        yaml.AppendLine($"{indent}{key}:");
        Lines(yaml, indent + "  ", body);
    }

    private static void Lines(StringBuilder yaml, string indent, string? body)
    {
        if (body is null)
        {
            return;
        }

        // The block's own common indentation is dropped, so callers may indent it as they like.
        var lines = body.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        var common = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart(' ').Length);
        foreach (var line in lines)
        {
            yaml.AppendLine(line.Trim().Length == 0 ? "" : indent + line[common..]);
        }
    }
}
