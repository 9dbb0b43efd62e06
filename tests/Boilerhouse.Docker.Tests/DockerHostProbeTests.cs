namespace Boilerhouse.Docker.Tests;

public sealed class DockerHostProbeTests
{
    [Fact]
    public async Task Probe_reports_version_capacity_and_runtimes_of_the_local_engine()
    {
        using var probe = new DockerHostProbe(new DockerEndpoint());

        var status = await probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(DockerEndpoint.DefaultUri, status.Endpoint);
        Assert.False(string.IsNullOrEmpty(status.ServerVersion));
        Assert.Matches(@"^1\.\d+$", status.ApiVersion);
        Assert.True(status.Cpus > 0);
        Assert.True(status.MemoryBytes > 0);
        Assert.Contains("runc", status.Runtimes);
        Assert.True(status.PingLatency > TimeSpan.Zero);
    }
}
