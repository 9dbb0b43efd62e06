using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerLifecycleTests : DockerTestScope
{
    [Fact]
    public async Task Create_start_and_wait_returns_a_healthy_running_container()
    {
        var (id, info) = await RunAsync("healthy", TestWorkloads.Httpd());

        Assert.Equal(id, info.Id);
        Assert.Equal(NameFor("healthy"), info.Name);
        Assert.True(info.Running);
        Assert.Equal(ContainerHealth.Healthy, info.Health);
        Assert.Null(info.ExitCode);
        Assert.NotNull(info.Endpoints.IpAddress);
    }

    [Fact]
    public async Task Create_applies_hardening_limits_labels_and_named_volumes()
    {
        var request = Request("inspect", TestWorkloads.Httpd());

        var id = await Runtime.CreateAsync(request, Ct);
        var container = await Client.Containers.InspectContainerAsync(id, Ct);

        var host = container.HostConfig;
        Assert.True(host.ReadonlyRootfs);
        Assert.Equal("65534:65534", container.Config.User);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Contains("no-new-privileges:true", host.SecurityOpt);
        Assert.Equal(TestWorkloads.MemoryLimit, host.Memory);
        Assert.Equal(TestWorkloads.MemoryLimit, host.MemorySwap);
        Assert.Equal(500_000_000, host.NanoCPUs);
        Assert.Equal(TestWorkloads.PidsLimit, host.PidsLimit);
        Assert.Equal(16L * 1024 * 1024, host.MemoryReservation);
        Assert.Equal(ContainerSpecMapper.ScratchOptions, host.Tmpfs["/tmp"]);
        Assert.Equal(TimeSpan.FromMilliseconds(200), container.Config.Healthcheck.Interval);
        Assert.Equal(5_000_000_000, container.Config.Healthcheck.StartPeriod);
        Assert.Contains("GREETING=hello", container.Config.Env);

        var labels = container.Config.Labels;
        Assert.Equal(RunId, labels[RunLabel]);
        Assert.Equal("true", labels[ContainerLabels.Managed]);
        Assert.Equal("httpd", labels["example.workload"]);

        var mounts = container.Mounts.ToDictionary(m => m.Destination);
        Assert.Equal(3, mounts.Count);
        Assert.All(mounts.Values, m => Assert.Equal("volume", m.Type));
        Assert.Equal($"{request.Name}-state", mounts["/state"].Name);
        Assert.Equal($"{request.Name}-config", mounts["/config"].Name);
        Assert.Equal($"{request.Name}-secrets", mounts["/secrets"].Name);
        Assert.True(mounts["/state"].RW);
        Assert.False(mounts["/secrets"].RW);

        var volumes = await VolumesLabelledAsync(ContainerLabels.Container, request.Name);
        Assert.Equal(["config", "secrets", "state"], volumes.Select(v => v.Labels[ContainerLabels.Role]).Order());
        Assert.All(volumes, v => Assert.Equal("true", v.Labels[ContainerLabels.Managed]));
    }

    [Fact]
    public async Task Published_port_serves_http_on_loopback()
    {
        var (_, info) = await RunAsync("http", TestWorkloads.Httpd());

        var port = Assert.Single(info.Endpoints.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Equal("tcp", port.Protocol);
        Assert.Equal("127.0.0.1", port.HostIp);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port.HostPort}/"));
        Assert.Equal("boilerhouse ok", body.Trim());
    }

    [Fact]
    public async Task Create_twice_with_the_same_name_returns_the_same_container()
    {
        var request = Request("twice", TestWorkloads.Sleeper());

        var first = await Runtime.CreateAsync(request, Ct);
        var second = await Runtime.CreateAsync(request, Ct);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Start_of_a_running_container_succeeds()
    {
        var (id, _) = await RunAsync("restart", TestWorkloads.Sleeper());

        await Runtime.StartAsync(id, Ct);

        Assert.True((await Runtime.InspectAsync(id, Ct))!.Running);
    }

    [Fact]
    public async Task Remove_deletes_the_container_and_its_volumes_and_is_idempotent()
    {
        // Given
        var request = Request("remove", TestWorkloads.Sleeper());
        var id = await Runtime.CreateAsync(request, Ct);
        await Runtime.StartAsync(id, Ct);
        Assert.Equal(3, (await VolumesLabelledAsync(ContainerLabels.Container, request.Name)).Count);

        // When
        await Runtime.RemoveAsync(id, Ct);

        // Then
        Assert.Null(await Runtime.InspectAsync(id, Ct));
        Assert.Empty(await VolumesLabelledAsync(ContainerLabels.Container, request.Name));
        await Runtime.RemoveAsync(id, Ct);
        await Runtime.RemoveAsync(request.Name, Ct);
    }

    [Fact]
    public async Task Remove_by_name_cleans_up_volumes_left_behind_by_a_missing_container()
    {
        var request = Request("orphan", TestWorkloads.Sleeper());
        var id = await Runtime.CreateAsync(request, Ct);
        await Client.Containers.RemoveContainerAsync(id, new() { Force = true }, Ct);

        await Runtime.RemoveAsync(request.Name, Ct);

        Assert.Empty(await VolumesLabelledAsync(ContainerLabels.Container, request.Name));
    }

    [Fact]
    public async Task List_returns_only_containers_carrying_every_label()
    {
        var a = await Runtime.CreateAsync(Request("list-a", TestWorkloads.Sleeper(), new Dictionary<string, string> { [ContainerLabels.Pool] = "a" }), Ct);
        var b = await Runtime.CreateAsync(Request("list-b", TestWorkloads.Sleeper(), new Dictionary<string, string> { [ContainerLabels.Pool] = "b" }), Ct);
        await Runtime.StartAsync(b, Ct);
        await Runtime.WaitUntilHealthyAsync(b, HealthTimeout, Ct);

        var all = await Runtime.ListAsync(new Dictionary<string, string> { [RunLabel] = RunId }, Ct);
        var onlyB = await Runtime.ListAsync(new Dictionary<string, string> { [RunLabel] = RunId, [ContainerLabels.Pool] = "b" }, Ct);

        Assert.Equal(new[] { a, b }.Order(), all.Select(c => c.Id).Order());
        var listed = Assert.Single(onlyB);
        Assert.Equal(b, listed.Id);
        Assert.Equal(NameFor("list-b"), listed.Name);
        Assert.True(listed.Running);
        Assert.Equal("b", listed.Labels[ContainerLabels.Pool]);
        var created = all.Single(c => c.Id == a);
        Assert.False(created.Running);
    }

    [Fact]
    public async Task Inspect_of_a_missing_container_returns_null()
    {
        Assert.Null(await Runtime.InspectAsync(NameFor("missing"), Ct));
    }

    [Fact]
    public async Task Start_of_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.StartAsync(NameFor("missing"), Ct));

        Assert.Equal(ErrorCodes.ContainerNotFound, error.Code);
    }

    [Fact]
    public async Task Create_from_a_missing_image_throws_container_failed_naming_the_image()
    {
        var workload = TestWorkloads.Sleeper() with { Image = "boilerhouse/does-not-exist:local" };

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.CreateAsync(Request("noimage", workload), Ct));

        Assert.Equal(ErrorCodes.ContainerFailed, error.Code);
        Assert.Contains("boilerhouse/does-not-exist:local", error.Message, StringComparison.Ordinal);
    }
}
