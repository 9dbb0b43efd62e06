using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Boilerhouse.Docker;

/// <summary>
/// Verifies a Docker engine's TLS certificate: against the configured CA when there is one, else
/// against this machine's trusted roots. Remembers why it last refused one, because the TLS stack
/// only reports "rejected by the validation callback", which tells an operator nothing. A certificate
/// whose extended key usage does not include serverAuth is refused.
/// </summary>
internal sealed class ServerCertificateCheck(X509Certificate2? ca)
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string AnyUsage = "2.5.29.37.0";

    private volatile string? lastRefusal;

    /// <summary>Why the last refused certificate was refused, e.g. "... is not signed by the configured CA ...".</summary>
    public string? LastRefusal => lastRefusal;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (RefusalOf(certificate, errors) is not { } refusal)
        {
            return true;
        }

        lastRefusal = refusal;
        return false;
    }

    private string? RefusalOf(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return "the engine sent no TLS certificate";
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var who = $"its certificate ({server.Subject}, issued by {server.Issuer})";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"{who} is not issued for the address Boilerhouse connects to (check its subjectAltName)";
        }

        var untrusted = ca is null
            ? errors == SslPolicyErrors.None ? null : $"{who} does not chain to a CA this machine trusts ({errors})"
            : NotSignedByCa(server, ca, who);
        return untrusted ?? NotForServers(server, who);
    }

    private static string? NotSignedByCa(X509Certificate2 server, X509Certificate2 ca, string who)
    {
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (custom.Build(server))
        {
            return null;
        }

        var reasons = string.Join(", ", custom.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        return $"{who} is not signed by the configured CA ({ca.Subject}): {reasons}";
    }

    /// <summary>
    /// A certificate that names its uses must name serverAuth: otherwise a client certificate from
    /// the same CA (every Boilerhouse machine holds one) could pose as the engine.
    /// </summary>
    private static string? NotForServers(X509Certificate2 server, string who)
    {
        if (server.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is not { } usage)
        {
            return null;
        }

        var usages = usage.EnhancedKeyUsages.Cast<Oid>().ToList();
        if (usages.Any(o => o.Value is ServerAuth or AnyUsage))
        {
            return null;
        }

        var named = string.Join(", ", usages.Select(o => o.FriendlyName ?? o.Value));
        return $"{who} is not meant for a server: its extended key usage ({named}) lacks serverAuth ({ServerAuth})";
    }
}
