using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Tests;

/// <summary>Archives in and out, exec and logs, against a hardened (read-only root, nobody) container.</summary>
public sealed class ContainerFilesTests : DockerTestScope
{
    private static TarFileEntry File(string path, string content, UnixFileMode? mode = null) =>
        new(path, Encoding.UTF8.GetBytes(content)) { Mode = mode ?? TarFileEntry.ReadableFile };

    [Fact]
    public async Task Put_archive_into_a_role_volume_is_readable_by_the_container_user()
    {
        var (id, _) = await RunAsync("put", TestWorkloads.Sleeper());
        var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var tar = TarArchive.Create([File("app.json", """{"tenant":"t-1"}""", ownerOnly)]);

        await Runtime.PutArchiveAsync(id, "/config", tar, Ct);

        var cat = await Runtime.ExecAsync(id, ["cat", "/config/app.json"], Ct);
        Assert.Equal(0, cat.ExitCode);
        Assert.Equal("""{"tenant":"t-1"}""", cat.Stdout);
        var stat = await Runtime.ExecAsync(id, ["sh", "-c", "id -u; stat -c '%u:%g %a' /config/app.json"], Ct);
        Assert.Equal("65534\n65534:65534 600\n", stat.Stdout);
    }

    [Fact]
    public async Task Put_archive_into_a_read_only_volume_goes_through_a_helper_container()
    {
        var (id, info) = await RunAsync("secrets", TestWorkloads.Sleeper());
        using var tar = TarArchive.Create([File("token", "s3cr3t", UnixFileMode.UserRead)]);

        await Runtime.PutArchiveAsync(id, "/secrets", tar, Ct);

        var cat = await Runtime.ExecAsync(id, ["cat", "/secrets/token"], Ct);
        Assert.Equal("s3cr3t", cat.Stdout);
        var write = await Runtime.ExecAsync(id, ["sh", "-c", "echo x > /secrets/other"], Ct);
        Assert.NotEqual(0, write.ExitCode);
        // The helper is removed just after the put answers, off the caller's path.
        var helperLabels = new Dictionary<string, string> { [DockerContainerRuntime.HelperLabel] = "archive", [ContainerLabels.Container] = info.Name };
        for (var i = 0; i < 100 && (await Runtime.ListAsync(helperLabels, Ct)).Count > 0; i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.Empty(await Runtime.ListAsync(helperLabels, Ct));
    }

    [Fact]
    public async Task Removing_a_container_right_after_a_put_through_a_helper_removes_its_volumes()
    {
        var (id, info) = await RunAsync("secrets-rm", TestWorkloads.Sleeper());
        using var tar = TarArchive.Create([File("token", "s3cr3t", UnixFileMode.UserRead)]);

        await Runtime.PutArchiveAsync(id, "/secrets", tar, Ct);
        await Runtime.RemoveAsync(id, Ct);

        Assert.Empty(await Runtime.ListVolumeOwnersAsync(new Dictionary<string, string> { [ContainerLabels.Container] = info.Name }, Ct));
        Assert.Empty(await Runtime.ListAsync(new Dictionary<string, string> { [DockerContainerRuntime.HelperLabel] = "archive", [ContainerLabels.Container] = info.Name }, Ct));
    }

    [Fact]
    public async Task Put_archive_onto_the_read_only_root_throws_container_failed()
    {
        var (id, _) = await RunAsync("rootfs", TestWorkloads.Sleeper());
        using var tar = TarArchive.Create([File("nope.txt", "x")]);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.PutArchiveAsync(id, "/etc", tar, Ct));

        Assert.Equal(ErrorCodes.ContainerFailed, error.Code);
        Assert.Contains("read-only root filesystem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_archive_into_the_tmp_scratch_throws_container_failed()
    {
        var (id, _) = await RunAsync("tmpfs", TestWorkloads.Sleeper());
        using var tar = TarArchive.Create([File("nope.txt", "x")]);

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.PutArchiveAsync(id, "/tmp", tar, Ct));

        Assert.Equal(ErrorCodes.ContainerFailed, error.Code);
        Assert.Contains("tmpfs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_archive_returns_what_put_archive_wrote()
    {
        var (id, _) = await RunAsync("roundtrip", TestWorkloads.Sleeper());
        using var tar = TarArchive.Create([File("a.txt", "alpha"), File("sub/b.txt", "beta\n")]);
        await Runtime.PutArchiveAsync(id, "/state", tar, Ct);

        await using var archive = await Runtime.GetArchiveAsync(id, "/state", Ct);
        var files = await TarArchive.ReadFilesAsync(archive, Ct);

        Assert.Equal("alpha", Encoding.UTF8.GetString(files["state/a.txt"]));
        Assert.Equal("beta\n", Encoding.UTF8.GetString(files["state/sub/b.txt"]));
        var writable = await Runtime.ExecAsync(id, ["sh", "-c", "echo more >> /state/sub/b.txt && echo new > /state/sub/c.txt"], Ct);
        Assert.Equal(0, writable.ExitCode);
    }

    [Fact]
    public async Task Get_archive_of_a_missing_path_throws_container_path_not_found()
    {
        var (id, _) = await RunAsync("nopath", TestWorkloads.Sleeper());

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.GetArchiveAsync(id, "/state/missing", Ct));

        Assert.Equal(ErrorCodes.ContainerPathNotFound, error.Code);
        Assert.Contains("/state/missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_returns_exit_code_and_keeps_stdout_apart_from_stderr()
    {
        var (id, _) = await RunAsync("exec", TestWorkloads.Sleeper());

        var result = await Runtime.ExecAsync(id, ["sh", "-c", "echo out; echo err >&2; exit 3"], Ct);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("err\n", result.Stderr);
    }

    [Fact]
    public async Task Exec_in_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.ExecAsync(NameFor("missing"), ["true"], Ct));

        Assert.Equal(ErrorCodes.ContainerNotFound, error.Code);
    }

    [Fact]
    public async Task Get_logs_returns_the_tail_of_stdout_and_stderr()
    {
        // Docker orders stdout and stderr lines by arrival, so the stderr line is written well before the tail.
        var script = "echo oops >&2; sleep 0.3; for i in 1 2 3 4 5; do echo line$i; done; sleep 3600";
        var id = await Runtime.CreateAsync(Request("logs", TestWorkloads.Shell(script)), Ct);
        await Runtime.StartAsync(id, Ct);

        var tail = "";
        for (var i = 0; i < 100 && !tail.EndsWith("line5\n", StringComparison.Ordinal); i++)
        {
            await Task.Delay(50);
            tail = await Runtime.GetLogsAsync(id, 2, Ct);
        }

        Assert.Equal("line4\nline5\n", tail);
        Assert.Equal("oops\nline1\nline2\nline3\nline4\nline5\n", await Runtime.GetLogsAsync(id, 100, Ct));
    }
}
