using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Boilerhouse.Docker.Tests;

/// <summary>A throwaway CA and the certificates it signs, as openssl would make them for a TLS dockerd.</summary>
internal sealed class TestCertificates : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly ECDsa caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string name)
    {
        var request = new CertificateRequest($"CN={name}", caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Ca { get; }

    /// <summary>A server certificate for 127.0.0.1 (or, with <paramref name="forLoopback"/> false, for another address).</summary>
    public X509Certificate2 IssueServer(bool forLoopback = true) => IssueServer(forLoopback, ServerAuth);

    /// <summary>A certificate for 127.0.0.1 whose extended key usage is clientAuth only: a client's, not a server's.</summary>
    public X509Certificate2 IssueClientAuthOnlyForLoopback() => IssueServer(forLoopback: true, ClientAuth);

    /// <summary>A certificate for 127.0.0.1 without an extended key usage extension: good for any use.</summary>
    public X509Certificate2 IssueWithoutUsageForLoopback() => IssueServer(forLoopback: true, usage: null);

    private X509Certificate2 IssueServer(bool forLoopback, Oid? usage)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(forLoopback ? IPAddress.Loopback : IPAddress.Parse("192.0.2.1"));
        return Issue("CN=dockerd", usage, names.Build());
    }

    /// <summary>A client certificate and its key, as PEM text.</summary>
    public (string CertificatePem, string KeyPem) IssueClientPem()
    {
        using var certificate = Issue("CN=boilerhouse-client", ClientAuth, null);
        using var key = certificate.GetECDsaPrivateKey()!;
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes ca.pem, cert.pem and key.pem (Docker's DOCKER_CERT_PATH layout) into a new folder.</summary>
    public string WriteClientFolder()
    {
        var folder = Directory.CreateTempSubdirectory("boilerhouse-tls-").FullName;
        var (certificate, key) = IssueClientPem();
        File.WriteAllText(Path.Combine(folder, "ca.pem"), Ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate);
        File.WriteAllText(Path.Combine(folder, "key.pem"), key);
        return folder;
    }

    public void Dispose()
    {
        Ca.Dispose();
        caKey.Dispose();
    }

    private X509Certificate2 Issue(string subject, Oid? usage, X509Extension? names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        if (usage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        }

        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        if (names is not null)
        {
            request.CertificateExtensions.Add(names);
        }

        using var signed = request.Create(Ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = signed.CopyWithPrivateKey(key);
        // Linux TLS wants a persisted key: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
