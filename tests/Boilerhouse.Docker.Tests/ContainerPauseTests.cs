using System.Globalization;
using System.Diagnostics;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerPauseTests : DockerTestScope
{
    // Counts up in /state/count, one tick every 50 ms; mv makes each new value appear whole.
    private const string Counter =
        "i=0; while true; do i=$((i+1)); echo $i > /state/count.tmp; mv /state/count.tmp /state/count; sleep 0.05; done";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Paused_container_stops_running_its_code_while_its_files_stay_readable()
    {
        // Given: two containers counting, one to pause and one to show time passing
        var (paused, _) = await RunAsync("paused", TestWorkloads.Shell(Counter));
        var (witness, _) = await RunAsync("witness", TestWorkloads.Shell(Counter));
        await CountReachesAsync(paused, 1);

        // When
        await Runtime.PauseAsync(paused, Ct);
        var frozenAt = await CountOfAsync(paused);
        await CountReachesAsync(witness, await CountOfAsync(witness) + 5);

        // Then
        Assert.Equal(frozenAt, await CountOfAsync(paused));
        Assert.True((await Client.Containers.InspectContainerAsync(paused, Ct)).State.Paused);
    }

    [Fact]
    public async Task Pause_of_a_paused_container_succeeds()
    {
        var (id, _) = await RunAsync("twice", TestWorkloads.Sleeper());
        await Runtime.PauseAsync(id, Ct);

        await Runtime.PauseAsync(id, Ct);

        Assert.True((await Client.Containers.InspectContainerAsync(id, Ct)).State.Paused);
    }

    [Fact]
    public async Task Pause_of_a_container_that_is_not_running_succeeds_and_leaves_it_stopped()
    {
        var id = await Runtime.CreateAsync(Request("created", TestWorkloads.Sleeper()), Ct);

        await Runtime.PauseAsync(id, Ct);

        var state = (await Client.Containers.InspectContainerAsync(id, Ct)).State;
        Assert.False(state.Running);
        Assert.False(state.Paused);
    }

    [Fact]
    public async Task Pause_of_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.PauseAsync(NameFor("missing"), Ct));

        Assert.Equal(ErrorCodes.ContainerNotFound, error.Code);
        Assert.Contains(NameFor("missing"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paused_container_is_removed_with_its_volumes()
    {
        // Given
        var request = Request("remove-paused", TestWorkloads.Sleeper());
        var id = await Runtime.CreateAsync(request, Ct);
        await Runtime.StartAsync(id, Ct);
        await Runtime.PauseAsync(id, Ct);

        // When
        await Runtime.RemoveAsync(id, Ct);

        // Then
        Assert.Null(await Runtime.InspectAsync(id, Ct));
        Assert.Empty(await VolumesLabelledAsync(ContainerLabels.Container, request.Name));
    }

    /// <summary>Reads the counter through the archive API, which works on a paused container (exec does not).</summary>
    private async Task<int> CountOfAsync(string containerId)
    {
        await using var archive = await Runtime.GetArchiveAsync(containerId, "/state/count", Ct);
        var files = await TarArchive.ReadFilesAsync(archive, Ct);
        return int.Parse(Encoding.ASCII.GetString(files["count"]).Trim(), CultureInfo.InvariantCulture);
    }

    private async Task CountReachesAsync(string containerId, int target)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await CountOfAsync(containerId) >= target)
                {
                    return;
                }
            }
            catch (BoilerhouseException e) when (e.Code == ErrorCodes.ContainerPathNotFound)
            {
                // The loop has not written its first value yet.
            }

            if (waited.Elapsed > WaitLimit)
            {
                Assert.Fail($"The counter of {containerId} did not reach {target} within {WaitLimit.TotalSeconds} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), Ct);
        }
    }
}
