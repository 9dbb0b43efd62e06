using System.Text;
using Boilerhouse.Core.Containers;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Tests;

/// <summary>
/// Config and secrets files written into a container's volumes: straight into the volume's folder on
/// the local engine, through the archive API when that is turned off (as on remote engines). Both
/// ways must give the container the same files.
/// </summary>
public sealed class VolumeFileWriteTests : DockerTestScope, IDisposable
{
    private const int Nobody = TarFileEntry.Nobody;
    private static readonly UnixFileMode OwnerRead = UnixFileMode.UserRead;

    private readonly DockerContainerRuntime archiveApi = new(new DockerEndpoint { DirectVolumeWrites = false });

    private static ContainerFile File(string name, string content, UnixFileMode mode) => new(name, Encoding.UTF8.GetBytes(content), mode);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Files_in_a_read_only_volume_are_the_users_replace_old_ones_and_stay_read_only_to_the_container(bool direct)
    {
        var (id, info) = await RunAsync($"ro-{direct}", TestWorkloads.Sleeper());
        var runtime = direct ? Runtime : archiveApi;
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);

        await runtime.WriteFilesAsync(id, "/secrets", [File("token", "first", OwnerRead), File("other", "x", OwnerRead)], Nobody, Nobody, Ct);
        await runtime.WriteFilesAsync(id, "/secrets", [File("token", "second", OwnerRead)], Nobody, Nobody, Ct);

        var cat = await Runtime.ExecAsync(id, ["sh", "-c", "cat /secrets/token; echo; stat -c '%u:%g %a' /secrets/token /secrets/other; ls -A /secrets"], Ct);
        Assert.Equal("second\n65534:65534 400\n65534:65534 400\nother\ntoken\n", cat.Stdout);
        var write = await Runtime.ExecAsync(id, ["sh", "-c", "echo x > /secrets/token"], Ct);
        Assert.NotEqual(0, write.ExitCode);
        // Direct writes need no helper container; the archive API needs one per write to a read-only volume.
        Assert.Equal(direct ? 0 : 2, await HelpersCreatedAsync(info.Name, since));
    }

    [Fact]
    public async Task A_link_planted_under_a_files_name_is_replaced_never_followed()
    {
        // Given a file on this machine, and a container that links to it from its writable volume
        var victim = Path.Combine(Path.GetTempPath(), $"bh-victim-{RunId}");
        await System.IO.File.WriteAllTextAsync(victim, "untouched");
        try
        {
            var (id, _) = await RunAsync("link", TestWorkloads.Sleeper());
            var plant = await Runtime.ExecAsync(id, ["ln", "-s", victim, "/config/config.json"], Ct);
            Assert.Equal(0, plant.ExitCode);

            // When a file of that name is written
            await Runtime.WriteFilesAsync(id, "/config", [File("config.json", "{\"tenant\":\"t\"}", OwnerRead | UnixFileMode.GroupRead)], Nobody, Nobody, Ct);

            // Then the link is gone, the container has the file, and the host file is untouched
            Assert.Equal("untouched", await System.IO.File.ReadAllTextAsync(victim));
            var check = await Runtime.ExecAsync(id, ["sh", "-c", "test -L /config/config.json && echo link; cat /config/config.json"], Ct);
            Assert.Equal("{\"tenant\":\"t\"}", check.Stdout);
        }
        finally
        {
            System.IO.File.Delete(victim);
        }
    }

    [Fact]
    public async Task A_name_that_is_not_a_plain_file_name_is_refused()
    {
        var (id, _) = await RunAsync("badname", TestWorkloads.Sleeper());

        await Assert.ThrowsAsync<ArgumentException>(() => Runtime.WriteFilesAsync(id, "/config", [File("../escape", "x", OwnerRead)], Nobody, Nobody, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => archiveApi.WriteFilesAsync(id, "/config", [File("sub/file", "x", OwnerRead)], Nobody, Nobody, Ct));

        var listing = await Runtime.ExecAsync(id, ["ls", "-A", "/config"], Ct);
        Assert.Equal("", listing.Stdout);
    }

    [Fact]
    public async Task Writing_into_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<Boilerhouse.Core.Errors.BoilerhouseException>(
            () => Runtime.WriteFilesAsync("bh-no-such-container", "/config", [File("a", "x", OwnerRead)], Nobody, Nobody, Ct));

        Assert.Equal(Boilerhouse.Core.Errors.ErrorCodes.ContainerNotFound, error.Code);
    }

    public void Dispose() => archiveApi.Dispose();

    /// <summary>How many archive helpers the engine created for the container since then (its event log).</summary>
    private async Task<int> HelpersCreatedAsync(string containerName, DateTimeOffset since)
    {
        var created = new EventCount();
        await Client.System.MonitorEventsAsync(
            new ContainerEventsParameters
            {
                Since = since.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Until = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["type"] = new Dictionary<string, bool> { ["container"] = true },
                    ["event"] = new Dictionary<string, bool> { ["create"] = true },
                    ["label"] = new Dictionary<string, bool>
                    {
                        [$"{DockerContainerRuntime.HelperLabel}=archive"] = true,
                        [$"{ContainerLabels.Container}={containerName}"] = true,
                    },
                },
            },
            created,
            Ct);
        return created.Count;
    }

    /// <summary>Counts on the reader's own thread (Progress&lt;T&gt; would post, and could count after the read has returned).</summary>
    private sealed class EventCount : IProgress<Message>
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Report(Message value) => Interlocked.Increment(ref count);
    }
}
