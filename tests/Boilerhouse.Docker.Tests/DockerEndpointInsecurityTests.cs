namespace Boilerhouse.Docker.Tests;

public sealed class DockerEndpointInsecurityTests
{
    [Fact]
    public void Local_socket_is_secure()
    {
        Assert.Null(new DockerEndpoint().Insecurity);
        Assert.Null(new DockerEndpoint { Uri = new Uri("unix:///run/other.sock"), TlsVerify = false }.Insecurity);
    }

    [Fact]
    public void Tcp_with_client_certificates_and_verification_is_secure()
    {
        Assert.Null(new DockerEndpoint { Uri = new Uri("tcp://10.0.0.5:2376"), TlsCertDirectory = "/etc/docker-client" }.Insecurity);
        Assert.Null(new DockerEndpoint { Uri = new Uri("tcp://10.0.0.5:2376"), TlsCertFile = "/c/cert.pem", TlsKeyFile = "/c/key.pem" }.Insecurity);
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2375")]
    [InlineData("http://10.0.0.5:2375")]
    [InlineData("https://10.0.0.5:2376")]
    public void Tcp_without_client_certificates_is_plaintext(string uri)
    {
        var insecurity = new DockerEndpoint { Uri = new Uri(uri) }.Insecurity;

        Assert.NotNull(insecurity);
        Assert.Contains(uri.TrimEnd('/'), insecurity, StringComparison.Ordinal);
        Assert.Contains("plaintext", insecurity, StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_without_verification_can_be_impersonated()
    {
        var insecurity = new DockerEndpoint { Uri = new Uri("tcp://10.0.0.5:2376"), TlsCertDirectory = "/etc/docker-client", TlsVerify = false }.Insecurity;

        Assert.NotNull(insecurity);
        Assert.Contains("tcp://10.0.0.5:2376", insecurity, StringComparison.Ordinal);
        Assert.Contains("would not be verified", insecurity, StringComparison.Ordinal);
    }
}
