namespace Boilerhouse.Docker;

/// <summary>
/// Where a Docker engine answers and how to talk to it: <c>unix:///var/run/docker.sock</c>, or
/// <c>tcp://host:port</c> (TLS when client certificates are given). Bind it from configuration
/// like any options record.
/// </summary>
public sealed record DockerEndpoint
{
    public const string DefaultUri = "unix:///var/run/docker.sock";

    public Uri Uri { get; init; } = new(DefaultUri);

    /// <summary>A folder holding <c>ca.pem</c>, <c>cert.pem</c> and <c>key.pem</c> (Docker's DOCKER_CERT_PATH layout).</summary>
    public string? TlsCertDirectory { get; init; }

    /// <summary>The CA that signed the engine's certificate; overrides the one in <see cref="TlsCertDirectory"/>.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>The client certificate (PEM); overrides the one in <see cref="TlsCertDirectory"/>.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>The client certificate's private key (PEM); overrides the one in <see cref="TlsCertDirectory"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>Verify the engine's certificate against the CA. Turning it off is for experiments only.</summary>
    public bool TlsVerify { get; init; } = true;

    /// <summary>The longest any one engine call may take before the engine counts as unavailable.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest a command run with exec may take.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest copying an archive into or out of a container may take.</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Write config and secrets straight into a volume's folder when the engine is local (a unix
    /// socket), this process is root and the engine has no user-namespace remap; else, and on
    /// remote engines, files go through Docker's archive API.
    /// </summary>
    public bool DirectVolumeWrites { get; init; } = true;

    /// <summary>
    /// The address of this engine's machine where Boilerhouse (and tenant traffic) reaches published
    /// ports; containers publish their loopback-bound ports there instead. Null: ports stay as the workload says.
    /// </summary>
    public string? AdvertiseAddress { get; init; }

    /// <summary>True when client certificates are configured.</summary>
    public bool UsesTls => TlsCertDirectory is not null || TlsCertFile is not null;

    /// <summary>
    /// Why talking to this engine is unsafe, or null when it is not (a unix socket, or TLS with the
    /// engine's certificate verified). The Docker API is root on its machine: without client
    /// certificates a tcp:// engine is spoken to in plaintext, and with verification off anyone on
    /// the network path can pose as the engine. Callers refuse both unless told otherwise in writing.
    /// </summary>
    public string? Insecurity =>
        Uri.Scheme == "unix" ? null
        : !UsesTls ? $"{this} would be spoken to in plaintext, without TLS client certificates: anyone on the network path could read and drive its API, which is root on that machine"
        : !TlsVerify ? $"the TLS certificate of {this} would not be verified: anyone on the network path could pose as the engine and be handed every container's secrets"
        : null;

    /// <summary>The local engine, or the one DOCKER_HOST / DOCKER_CERT_PATH / DOCKER_TLS_VERIFY name.</summary>
    public static DockerEndpoint FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var certPath = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH");
        var verify = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY");
        return new DockerEndpoint
        {
            Uri = string.IsNullOrWhiteSpace(host) ? new Uri(DefaultUri) : new Uri(host),
            TlsCertDirectory = string.IsNullOrWhiteSpace(certPath) ? null : certPath,
            TlsVerify = verify is null or "" or "1" || verify.Equals("true", StringComparison.OrdinalIgnoreCase),
        };
    }

    public override string ToString() => Uri.OriginalString;
}
