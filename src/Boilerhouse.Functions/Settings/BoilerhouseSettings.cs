namespace Boilerhouse.Functions.Settings;

/// <summary>
/// The host's settings, from local.settings.json Values and the environment (BOILERHOUSE_* and
/// Docker's own DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). Read and checked once at start-up.
/// </summary>
public sealed record BoilerhouseSettings
{
    public required string Root { get; init; }
    public required string DataDirectory { get; init; }
    public required string WorkloadsDirectory { get; init; }
    public required string Urls { get; init; }
    public required string InstanceId { get; init; }
    public required int SiloPort { get; init; }
    public required int GatewayPort { get; init; }
    public required int MaxParallelCreates { get; init; }
    /// <summary>Sync runs at once across tenants, and objects moved at once within a run.</summary>
    public required int SyncConcurrency { get; init; }
    public required int SyncTransfers { get; init; }
    public required SpoolSettings SyncSpool { get; init; }
    public required TimeSpan HealthyTimeout { get; init; }
    public required TimeSpan ClaimWaitTimeout { get; init; }
    public required TimeSpan LeftoverGrace { get; init; }
    public required Uri DockerHost { get; init; }
    public required bool DockerTlsVerify { get; init; }
    public string? DockerCertPath { get; init; }
    /// <summary>The Docker hosts (hosts file, else DOCKER_HOST as host "local") and their health checks.</summary>
    public required HostsSettings Hosts { get; init; }
    /// <summary>How far workload files may weaken isolation; the hardened baseline unless settings allow more.</summary>
    public Boilerhouse.Core.Workloads.WorkloadPolicy WorkloadPolicy { get; init; } = Boilerhouse.Core.Workloads.WorkloadPolicy.Default;

    public string DatabasePath => Path.Combine(DataDirectory, "boilerhouse.db");

    /// <summary>The application's database: the SQLite file at <see cref="DatabasePath"/>, or PostgreSQL.</summary>
    public required Boilerhouse.Orchestration.Persistence.DatabaseSettings Database { get; init; }

    /// <summary>The embedded single silo, or membership of a cluster on Redis or Azure Table Storage.</summary>
    public required ClusterSettings Cluster { get; init; }

    public static BoilerhouseSettings Load(IConfiguration configuration, string root)
    {
        var reader = new SettingsReader(configuration);
        var dockerHost = reader.String("DOCKER_HOST", "unix:///var/run/docker.sock");
        if (!Uri.TryCreate(dockerHost, UriKind.Absolute, out var dockerUri) || dockerUri.Scheme is not ("unix" or "tcp" or "http" or "https"))
        {
            throw new SettingsException($"DOCKER_HOST '{dockerHost}' is not a unix:// or tcp:// address.");
        }

        var certPath = reader.String("DOCKER_CERT_PATH", "");
        var dockerTlsVerify = reader.Bool("DOCKER_TLS_VERIFY", true);
        var localEngine = new Boilerhouse.Docker.DockerEndpoint
        {
            Uri = dockerUri,
            TlsCertDirectory = certPath.Length == 0 ? null : certPath,
            TlsVerify = dockerTlsVerify,
        };
        var hosts = HostsSettings.Load(configuration, root, localEngine);
        if (hosts.File is null)
        {
            // Only when DOCKER_HOST's engine is the one used: a hosts file replaces it.
            InsecureDockerRefusal.Check(localEngine, reader.Bool(InsecureDockerRefusal.AllowSetting, false));
        }

        var dataDirectory = Path.GetFullPath(reader.String("BOILERHOUSE_DATA_DIR", ".data"), root);
        var database = DatabaseSettingsLoader.Load(configuration, Path.Combine(dataDirectory, "boilerhouse.db"));
        return new BoilerhouseSettings
        {
            Root = root,
            DataDirectory = dataDirectory,
            WorkloadsDirectory = Path.GetFullPath(reader.String("BOILERHOUSE_WORKLOADS_DIR", "config/workloads"), root),
            Urls = reader.String("BOILERHOUSE_URLS", "http://127.0.0.1:7071"),
            InstanceId = reader.Id("BOILERHOUSE_INSTANCE_ID", "default"),
            SiloPort = reader.Int("BOILERHOUSE_SILO_PORT", 11111, 1, 65535),
            GatewayPort = reader.Int("BOILERHOUSE_GATEWAY_PORT", 30000, 1, 65535),
            MaxParallelCreates = reader.Int("BOILERHOUSE_MAX_PARALLEL_CREATES", 4, 1, 64),
            SyncConcurrency = reader.Int("BOILERHOUSE_SYNC_CONCURRENCY", 4, 1, 64),
            SyncTransfers = reader.Int("BOILERHOUSE_SYNC_TRANSFERS", 16, 1, 64),
            SyncSpool = SpoolSettings.Load(configuration, root, dataDirectory),
            HealthyTimeout = TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_HEALTHY_TIMEOUT_SECONDS", 60, 1, 3600)),
            ClaimWaitTimeout = TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_CLAIM_WAIT_SECONDS", 30, 0, 3600)),
            LeftoverGrace = TimeSpan.FromSeconds(reader.Int("BOILERHOUSE_LEFTOVER_GRACE_SECONDS", 600, 1, 86400)),
            DockerHost = dockerUri,
            DockerTlsVerify = dockerTlsVerify,
            DockerCertPath = certPath.Length == 0 ? null : certPath,
            Hosts = hosts,
            WorkloadPolicy = WorkloadPolicySettings.Load(configuration),
            Database = database,
            Cluster = ClusterSettingsLoader.Load(configuration, database),
        };
    }
}
