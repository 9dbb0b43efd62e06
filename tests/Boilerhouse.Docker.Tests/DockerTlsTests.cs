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
    }

    [Fact]
    public async Task Engine_with_a_certificate_for_another_address_is_refused()
    {
        using var serverCertificate = trusted.IssueServer(forLoopback: false);
        await using var engine = new FakeTlsEngine(serverCertificate);
        using var runtime = new DockerContainerRuntime(new DockerEndpoint { Uri = engine.Uri, TlsCertDirectory = clientFolder });

        await Assert.ThrowsAsync<ContainerRuntimeUnavailableException>(() => runtime.InspectAsync("anything", CancellationToken.None));
    }
}
