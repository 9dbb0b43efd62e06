using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.X509;

namespace Boilerhouse.Docker;

/// <summary>Builds Docker.DotNet clients for unix:// and tcp:// endpoints, with mutual TLS when configured.</summary>
public static class DockerClientFactory
{
    public static DockerClient Create(DockerEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Credentials credentials = endpoint.UsesTls ? CreateTlsCredentials(endpoint) : new AnonymousCredentials();
        var configuration = new DockerClientConfiguration(endpoint.Uri, credentials, endpoint.RequestTimeout);
        return configuration.CreateClient();
    }

    private static CertificateCredentials CreateTlsCredentials(DockerEndpoint endpoint)
    {
        var certFile = endpoint.TlsCertFile ?? InDirectory(endpoint, "cert.pem");
        var keyFile = endpoint.TlsKeyFile ?? InDirectory(endpoint, "key.pem");
        var caFile = endpoint.TlsCaFile ?? (endpoint.TlsCertDirectory is null ? null : InDirectory(endpoint, "ca.pem"));

        using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
        // Linux TLS needs a persisted key; a PEM-loaded key is ephemeral, so round-trip through PKCS#12.
        var clientCertificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);

        var credentials = new CertificateCredentials(clientCertificate);
        if (!endpoint.TlsVerify)
        {
            credentials.ServerCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (caFile is not null && File.Exists(caFile))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
            credentials.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                IsSignedBy(ca, certificate, errors);
        }
        else
        {
            credentials.ServerCertificateValidationCallback = (_, _, _, errors) => errors == SslPolicyErrors.None;
        }

        return credentials;
    }

    private static bool IsSignedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(server);
    }

    private static string InDirectory(DockerEndpoint endpoint, string file) =>
        Path.Combine(
            endpoint.TlsCertDirectory ?? throw new InvalidOperationException(
                $"Docker endpoint {endpoint} uses TLS but names neither {file} nor a certificate directory."),
            file);
}
