using System.Net;
using Boilerhouse.Core.Containers;
using Boilerhouse.IntegrationTests.Infrastructure;
using Docker.DotNet.Models;

namespace Boilerhouse.IntegrationTests.Pools;

/// <summary>Docker changed behind Boilerhouse's back: the timers reconcile it by label.</summary>
[Collection(DockerCollection.Name)]
public sealed class ReconcileTests(BoilerhouseFixture fixture)
{
    private HttpClient Api => fixture.App.Client;

    [Theory]
    [InlineData("pool-that-is-gone")]
    [InlineData(TestWorkloads.Tiny)]
    public async Task Managed_container_that_belongs_to_nothing_is_reaped(string poolLabel)
    {
        // Given a container labelled as ours that no pool knows
        var created = await DockerProbe.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = TestWorkloads.Image,
            Cmd = ["sleep", "600"],
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.Managed] = "true",
                [ContainerLabels.Instance] = fixture.App.InstanceId,
                [ContainerLabels.Pool] = poolLabel,
            },
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        await DockerProbe.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());

        // Then the orphan reaping timer removes it
        await ApiExtensions.WaitUntilAsync(async () => await DockerProbe.InspectAsync(created.ID) is null,
            "the orphan is reaped", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Volumes_left_without_their_container_are_reaped_after_the_grace_period()
    {
        var owner = $"bh-{TestWorkloads.Tiny}-ghost{Guid.NewGuid():N}"[..24];
        var volume = await DockerProbe.Client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = $"{owner}-state",
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.Managed] = "true",
                [ContainerLabels.Instance] = fixture.App.InstanceId,
                [ContainerLabels.Container] = owner,
            },
        });

        await ApiExtensions.WaitUntilAsync(async () => (await DockerProbe.VolumesOfAsync(owner)).Count == 0,
            $"volume {volume.Name} is reaped", TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Claimed_container_deleted_behind_our_back_marks_the_tenant_lost_and_the_next_claim_provisions_a_new_one()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var (_, claim) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        var first = claim.Str("containerId");

        await DockerProbe.Client.Containers.RemoveContainerAsync(first, new ContainerRemoveParameters { Force = true });

        await ApiExtensions.WaitUntilAsync(async () =>
            (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status") == "lost", "the tenant is marked lost");
        var (again, body) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Web });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.NotEqual(first, body.Str("containerId"));
        Assert.True((await DockerProbe.InspectAsync(body.Str("containerId")))!.State.Running);
        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));
        await Api.ReleaseAsync(tenant);
    }

    [Fact]
    public async Task Idle_tenant_is_released_by_the_timer_and_activity_reports_keep_it()
    {
        var tenant = $"t-{Guid.NewGuid():N}"[..14];
        var (_, claim) = await Api.ClaimAsync(tenant, new { poolId = TestWorkloads.Idle });
        var containerId = claim.Str("containerId");

        // Reported activity keeps it claimed past one idle timeout (3 s)
        for (var i = 0; i < 4; i++)
        {
            var (touch, _) = await Api.SendJsonAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/activity");
            Assert.Equal(HttpStatusCode.NoContent, touch.StatusCode);
            await Task.Delay(1000);
        }

        Assert.Equal("claimed", (await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status")).Str("status"));

        // Then, left alone, it is released through a release orchestration
        await ApiExtensions.WaitUntilAsync(async () =>
            !(await Api.GetJsonAsync($"/api/v1/tenants/{tenant}/status"))["assigned"]!.GetValue<bool>(), "the idle tenant is released", TimeSpan.FromSeconds(90));
        Assert.Null(await DockerProbe.InspectAsync(containerId));
        var releases = (await Api.GetJsonAsync($"/api/v1/orchestrations?tenantId={tenant}&name=release"))["instances"]!.AsArray();
        Assert.Equal("Completed", Assert.Single(releases)!.Str("runtimeStatus"));
    }
}
