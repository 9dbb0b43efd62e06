using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>The API served over HTTPS with a certificate from settings, PEM or PFX, made here and trusted only here.</summary>
public sealed class HttpsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("boilerhouse-https-").FullName;

    [Fact]
    public async Task Api_serves_https_with_a_pem_certificate_and_key()
    {
        using var certificate = SelfSigned();
        var certPath = Path.Combine(_folder, "api.crt");
        var keyPath = Path.Combine(_folder, "api.key");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        await AssertServesAsync(certificate, new() { ["BOILERHOUSE_HTTPS_CERT"] = certPath, ["BOILERHOUSE_HTTPS_KEY"] = keyPath });
    }

    [Fact]
    public async Task Api_serves_https_with_a_password_protected_pfx_beyond_loopback_when_a_key_is_set()
    {
        using var certificate = SelfSigned();
        var pfxPath = Path.Combine(_folder, "api.pfx");
        await File.WriteAllBytesAsync(pfxPath, certificate.Export(X509ContentType.Pkcs12, "pfx-pass"));

        await AssertServesAsync(certificate, new() { ["BOILERHOUSE_HTTPS_PFX"] = pfxPath, ["BOILERHOUSE_HTTPS_PFX_PASSWORD"] = "pfx-pass" }, "0.0.0.0");
    }

    private static async Task AssertServesAsync(X509Certificate2 certificate, Dictionary<string, string> settings, string address = "127.0.0.1")
    {
        // Given the host on https with the certificate and an admin key
        var port = LaunchedHost.FreePort();
        var admin = KeyedApi.NewAdminKey();
        settings["BOILERHOUSE_URLS"] = $"https://{address}:{port}";
        settings["BOILERHOUSE_ADMIN_KEY"] = admin;
        await using var host = LaunchedHost.Start(settings);
        X509Certificate2? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                served = cert is null ? null : new X509Certificate2(cert);
                return cert?.Thumbprint == certificate.Thumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(90) };

        // When it answers over TLS
        await host.WaitUntilAnsweringAsync(client);
        var (response, _) = await client.SendAsync(admin, HttpMethod.Get, "/api/v1/pools");

        // Then with our certificate, and keys still required
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(certificate.Thumbprint, served?.Thumbprint);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/pools")).StatusCode);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=boilerhouse-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
