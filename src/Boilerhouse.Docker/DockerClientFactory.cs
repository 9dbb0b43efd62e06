using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.X509;

namespace Boilerhouse.Docker;

/// <summary>Builds Docker.DotNet clients for unix:// and tcp:// endpoints, with mutual TLS when configured.</summary>
public static class DockerClientFactory
{
    /// <summary>
    /// A client for the endpoint. Missing or unreadable TLS files throw <see cref="InvalidOperationException"/>
    /// naming the file (never its content).
    /// </summary>
    public static DockerClient Create(DockerEndpoint endpoint) => Create(endpoint, out _);

    internal static DockerClient Create(DockerEndpoint endpoint, out ServerCertificateCheck? check)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        check = null;
        Credentials credentials = endpoint.UsesTls ? CreateTlsCredentials(endpoint, out check) : new AnonymousCredentials();
        var configuration = new DockerClientConfiguration(endpoint.Uri, credentials, endpoint.RequestTimeout);
        return configuration.CreateClient();
    }

    private static CertificateCredentials CreateTlsCredentials(DockerEndpoint endpoint, out ServerCertificateCheck? check)
    {
        var certFile = endpoint.TlsCertFile ?? InDirectory(endpoint, "cert.pem");
        var keyFile = endpoint.TlsKeyFile ?? InDirectory(endpoint, "key.pem");
        var caFile = endpoint.TlsCaFile ?? (endpoint.TlsCertDirectory is null ? null : InDirectory(endpoint, "ca.pem"));

        var credentials = new CertificateCredentials(LoadClientCertificate(endpoint, certFile, keyFile));
        if (!endpoint.TlsVerify)
        {
            check = null;
            credentials.ServerCertificateValidationCallback = (_, _, _, _) => true;
            return credentials;
        }

        // Verification is never silently dropped: a configured CA that cannot be read is an error.
        check = new ServerCertificateCheck(caFile is null ? null : LoadCa(endpoint, caFile));
        credentials.ServerCertificateValidationCallback = check.Validate;
        return credentials;
    }

    private static X509Certificate2 LoadClientCertificate(DockerEndpoint endpoint, string certFile, string keyFile)
    {
        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Linux TLS needs a persisted key; a PEM-loaded key is ephemeral, so round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"Docker endpoint {endpoint}: cannot load the TLS client certificate {certFile} with its key {keyFile}: {e.Message}", e);
        }
    }

    private static X509Certificate2 LoadCa(DockerEndpoint endpoint, string caFile)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException($"Docker endpoint {endpoint}: cannot load the TLS CA certificate {caFile}: {e.Message}", e);
        }
    }

    private static string InDirectory(DockerEndpoint endpoint, string file) =>
        Path.Combine(
            endpoint.TlsCertDirectory ?? throw new InvalidOperationException(
                $"Docker endpoint {endpoint} uses TLS but names neither {file} nor a certificate directory."),
            file);
}
