using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker.Tests;

public sealed class DockerTlsTests : IDisposable
{
    private readonly TestCertificates trusted = new("boilerhouse-test-ca");
    private readonly TestCertificates other = new("some-other-ca");
    private readonly string clientFolder;

    public DockerTlsTests()
    {
        clientFolder = trusted.WriteClientFolder();
    }

    public void Dispose()
    {
        trusted.Dispose();
        other.Dispose();
        Directory.Delete(clientFolder, recursive: true);
    }

    [Fact]
    public async Task Engine_with_a_certificate_from_the_trusted_ca_answers_and_sees_the_client_certificate()
    {
        using var serverCertificate = trusted.IssueServer();
        await using var engine = new FakeTlsEngine(serverCertificate);
        using var client = DockerClientFactory.Create(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        await client.System.PingAsync(CancellationToken.None);

        Assert.Equal("CN=boilerhouse-client", engine.ClientSubject);
    }

    [Fact]
    public async Task Engine_with_a_certificate_from_another_ca_is_refused()
    {
        using var serverCertificate = other.IssueServer();
        await using var engine = new FakeTlsEngine(serverCertificate);
        using var runtime = new DockerContainerRuntime(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));

        Assert.Contains(engine.Uri.OriginalString, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not signed by the configured CA (CN=boilerhouse-test-ca)", error.Message, StringComparison.Ordinal);
        Assert.Contains("CN=some-other-ca", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_with_a_certificate_for_another_address_is_refused()
    {
        using var serverCertificate = trusted.IssueServer(forLoopback: false);
        await using var engine = new FakeTlsEngine(serverCertificate);
        using var runtime = new DockerContainerRuntime(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));

        Assert.Contains("not issued for the address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_presenting_a_client_certificate_of_the_trusted_ca_is_refused()
    {
        // A client certificate from the same CA (every machine with access holds one) posing as the engine.
        using var clientOnly = trusted.IssueClientAuthOnlyForLoopback();
        await using var engine = new FakeTlsEngine(clientOnly);
        using var runtime = new DockerContainerRuntime(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        var error = await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));

        Assert.Contains(engine.Uri.OriginalString, error.Message, StringComparison.Ordinal);
        Assert.Contains("is not meant for a server", error.Message, StringComparison.Ordinal);
        Assert.Contains("lacks serverAuth (1.3.6.1.5.5.7.3.1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engine_with_a_certificate_that_names_no_key_usage_answers()
    {
        using var anyUse = trusted.IssueWithoutUsageForLoopback();
        await using var engine = new FakeTlsEngine(anyUse);
        using var client = DockerClientFactory.Create(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        await client.System.PingAsync(CancellationToken.None);

        Assert.Equal("CN=boilerhouse-client", engine.ClientSubject);
    }

    [Fact]
    public void Missing_client_key_is_an_error_naming_the_file_never_a_silent_fallback()
    {
        var endpoint = new DockerEndpoint { Uri = new Uri("tcp://127.0.0.1:2376"), TlsCertDirectory = clientFolder, TlsKeyFile = "/nonexistent/key.pem" };

        var error = Assert.Throws<InvalidOperationException>(() => DockerClientFactory.Create(endpoint));

        Assert.Contains("/nonexistent/key.pem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ca_file_is_an_error_rather_than_trusting_the_machine()
    {
        var endpoint = new DockerEndpoint { Uri = new Uri("tcp://127.0.0.1:2376"), TlsCertDirectory = clientFolder, TlsCaFile = "/nonexistent/ca.pem" };

        var error = Assert.Throws<InvalidOperationException>(() => DockerClientFactory.Create(endpoint));

        Assert.Contains("/nonexistent/ca.pem", error.Message, StringComparison.Ordinal);
    }
}
