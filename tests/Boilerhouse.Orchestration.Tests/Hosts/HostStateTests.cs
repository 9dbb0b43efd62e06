using Boilerhouse.Docker;
using Boilerhouse.Orchestration.Hosts;

namespace Boilerhouse.Orchestration.Tests.Hosts;

public sealed class HostStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Host_turns_unhealthy_only_after_the_configured_failures_in_a_row()
    {
        var host = NewHost();

        host.Record(Failed(), Now, unhealthyAfter: 3);
        host.Record(Failed(), Now, unhealthyAfter: 3);
        Assert.Equal(HostCondition.Suspect, host.Condition);
        Assert.NotEqual(HostStatus.Unhealthy, host.Status);

        host.Record(Failed(), Now, unhealthyAfter: 3);
        Assert.Equal(HostStatus.Unhealthy, host.Status);
        Assert.Equal(HostCondition.Unhealthy, host.Condition);
        Assert.Equal("no answer", host.LastError);
    }

    [Fact]
    public void Host_that_answers_again_is_healthy_and_ready()
    {
        var host = NewHost();
        host.Record(Failed(), Now, unhealthyAfter: 1);

        host.Record(new HostProbeResult("a", 1.5, null, null), Now, unhealthyAfter: 1);

        Assert.Equal(HostStatus.Healthy, host.Status);
        Assert.Equal(HostCondition.Ready, host.Condition);
        Assert.Equal(0, host.ConsecutiveFailures);
        Assert.Null(host.LastError);
        Assert.Equal(1.5, host.LastLatencyMs);
    }

    [Fact]
    public void Draining_host_is_draining_until_it_fails()
    {
        var host = NewHost();
        host.Draining = true;
        Assert.Equal(HostCondition.Draining, host.Condition);

        host.Record(Failed(), Now, unhealthyAfter: 1);

        Assert.Equal(HostCondition.Unhealthy, host.Condition);
    }

    [Fact]
    public void View_never_shows_tls_file_paths_only_the_endpoint()
    {
        var host = new HostState(new HostDefinition("a",
            new DockerEndpoint { Uri = new Uri("tcp://10.0.0.5:2376"), TlsKeyFile = "/secret/key.pem", TlsCertFile = "/secret/cert.pem" },
            new Dictionary<string, string>(), HostCapacity.Unlimited));

        var view = host.ToView(HostUsage.None);

        Assert.Equal("tcp://10.0.0.5:2376", view.Endpoint);
        Assert.DoesNotContain("key.pem", view.ToString(), StringComparison.Ordinal);
    }

    private static HostState NewHost() =>
        new(new HostDefinition("a", new DockerEndpoint(), new Dictionary<string, string>(), HostCapacity.Unlimited));

    private static HostProbeResult Failed() => new("a", null, null, "no answer");
}
