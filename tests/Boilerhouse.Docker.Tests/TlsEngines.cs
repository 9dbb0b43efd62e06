namespace Boilerhouse.Docker.Tests;

/// <summary>
/// The two TLS Docker engines that eng/setup-tls-hosts.sh starts, read from .eng-state/tls-hosts.env
/// (ENG_STATE overrides the folder). Fails with what to run when they were not set up.
/// </summary>
internal sealed class TlsEngines
{
    private readonly Dictionary<string, string> values;

    private TlsEngines(Dictionary<string, string> values) => this.values = values;

    public static TlsEngines Load()
    {
        var file = Path.Combine(EngState(), "tls-hosts.env");
        if (!File.Exists(file))
        {
            throw new InvalidOperationException(
                $"The TLS Docker engines are not set up ({file} is missing): run `bash eng/setup-tls-hosts.sh` (eng/test runs it).");
        }

        var values = File.ReadAllLines(file)
            .Select(l => l.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        return new TlsEngines(values);
    }

    public Uri Uri(int engine) => new(values[$"TLS_HOST_{engine}_URI"]);

    /// <summary>ca.pem, cert.pem and key.pem that the engines accept.</summary>
    public string ClientCertPath => values["TLS_CLIENT_CERT_PATH"];

    /// <summary>The same client certificate with a CA that signed neither engine.</summary>
    public string WrongCaCertPath => values["TLS_WRONG_CA_CERT_PATH"];

    public DockerEndpoint Endpoint(int engine, bool wrongCa = false) =>
        new() { Uri = Uri(engine), TlsCertDirectory = wrongCa ? WrongCaCertPath : ClientCertPath };

    private static string EngState()
    {
        if (Environment.GetEnvironmentVariable("ENG_STATE") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Boilerhouse.Functions.sln")))
            {
                return Path.Combine(dir.FullName, ".eng-state");
            }
        }

        throw new DirectoryNotFoundException("Boilerhouse.Functions.sln not found above the test folder.");
    }
}
