using Boilerhouse.Docker;

namespace Boilerhouse.Functions.Settings;

/// <summary>
/// Stops start-up when the engine DOCKER_HOST names would be reached insecurely (tcp:// without
/// DOCKER_CERT_PATH, or DOCKER_TLS_VERIFY=0), unless BOILERHOUSE_ALLOW_INSECURE_DOCKER=true accepts
/// it in writing: the Docker API is root on its machine. Engines in the hosts file always use
/// verified mutual TLS, so only the DOCKER_HOST engine needs this check.
/// </summary>
internal static class InsecureDockerRefusal
{
    public const string AllowSetting = "BOILERHOUSE_ALLOW_INSECURE_DOCKER";

    public static void Check(DockerEndpoint localEngine, bool allowed)
    {
        if (allowed || localEngine.Insecurity is not { } insecurity)
        {
            return;
        }

        var remedy = localEngine.UsesTls
            ? "Remove DOCKER_TLS_VERIFY=0 (verification is on by default) and give the engine's CA as ca.pem in DOCKER_CERT_PATH"
            : "Set DOCKER_CERT_PATH to a folder with ca.pem, cert.pem and key.pem, or list the engine in config/hosts.yaml with tls";
        throw new SettingsException($"DOCKER_HOST {localEngine} is refused: {insecurity}. {remedy}; or set {AllowSetting}=true to accept the risk.");
    }
}
