using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Boilerhouse.Functions.Settings;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// The certificate the API serves HTTPS with: PEM (BOILERHOUSE_HTTPS_CERT + BOILERHOUSE_HTTPS_KEY)
/// or PFX (BOILERHOUSE_HTTPS_PFX + BOILERHOUSE_HTTPS_PFX_PASSWORD). Used by https:// BOILERHOUSE_URLS.
/// </summary>
internal static class HttpsCertificate
{
    public static X509Certificate2? Load(SettingsReader reader, string root)
    {
        var certPath = reader.String("BOILERHOUSE_HTTPS_CERT", "");
        var keyPath = reader.String("BOILERHOUSE_HTTPS_KEY", "");
        var pfxPath = reader.String("BOILERHOUSE_HTTPS_PFX", "");
        if (pfxPath.Length > 0 && (certPath.Length > 0 || keyPath.Length > 0))
        {
            throw new SettingsException("Set BOILERHOUSE_HTTPS_PFX, or BOILERHOUSE_HTTPS_CERT with BOILERHOUSE_HTTPS_KEY, not both.");
        }

        try
        {
            if (pfxPath.Length > 0)
            {
                var password = reader.String("BOILERHOUSE_HTTPS_PFX_PASSWORD", "");
                return X509CertificateLoader.LoadPkcs12FromFile(Existing(pfxPath, root, "BOILERHOUSE_HTTPS_PFX"), password.Length == 0 ? null : password);
            }

            if (certPath.Length == 0 && keyPath.Length == 0)
            {
                return null;
            }

            if (certPath.Length == 0 || keyPath.Length == 0)
            {
                throw new SettingsException("BOILERHOUSE_HTTPS_CERT and BOILERHOUSE_HTTPS_KEY are set together (PEM certificate and its private key).");
            }

            using var pem = X509Certificate2.CreateFromPemFile(Existing(certPath, root, "BOILERHOUSE_HTTPS_CERT"), Existing(keyPath, root, "BOILERHOUSE_HTTPS_KEY"));
            // Kestrel needs the key in a usable store on every platform; a PKCS#12 round trip gives it one.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            throw new SettingsException($"The HTTPS certificate could not be read: {ex.Message}");
        }
    }

    private static string Existing(string path, string root, string setting)
    {
        var full = Path.GetFullPath(path, root);
        return File.Exists(full) ? full : throw new SettingsException($"{setting} '{full}' does not exist.");
    }
}
