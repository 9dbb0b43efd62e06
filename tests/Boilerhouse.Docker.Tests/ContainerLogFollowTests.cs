using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Docker.Tests;

public sealed class ContainerLogFollowTests : DockerTestScope
{
    // Writes one line on each stream, then waits for /state/go before writing more.
    private const string Script =
        "echo before-go; echo complaint >&2; while [ ! -f /state/go ]; do sleep 0.1; done; echo after-go; echo after-go-err >&2; sleep 3600";

    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Following_logs_gives_the_tail_then_lines_written_after_it_started_with_their_stream()
    {
        // Given
        var (id, _) = await RunAsync("follow", TestWorkloads.Shell(Script));
        using var timeout = new CancellationTokenSource(WaitLimit);
        await using var lines = (await Runtime.FollowLogsAsync(id, 10, timeout.Token)).GetAsyncEnumerator(timeout.Token);
        var seen = new List<ContainerLogLine>();
        while (seen.Count < 2 && await lines.MoveNextAsync())
        {
            seen.Add(lines.Current);
        }

        // When: the container is told to go on only now
        var go = await Runtime.ExecAsync(id, ["touch", "/state/go"], Ct);
        Assert.Equal(0, go.ExitCode);
        while (seen.Count < 4 && await lines.MoveNextAsync())
        {
            seen.Add(lines.Current);
        }

        // Then
        Assert.Contains(new ContainerLogLine(ContainerLogStream.Stdout, "before-go"), seen.Take(2));
        Assert.Contains(new ContainerLogLine(ContainerLogStream.Stderr, "complaint"), seen.Take(2));
        Assert.Contains(new ContainerLogLine(ContainerLogStream.Stdout, "after-go"), seen.Skip(2));
        Assert.Contains(new ContainerLogLine(ContainerLogStream.Stderr, "after-go-err"), seen.Skip(2));
    }

    [Fact]
    public async Task Following_with_no_tail_gives_only_lines_written_after_attaching()
    {
        // Given: attached once the container has written its first lines
        var (id, _) = await RunAsync("no-tail", TestWorkloads.Shell(Script));
        await WaitForLogAsync(id, "complaint");
        using var timeout = new CancellationTokenSource(WaitLimit);
        var attached = await Runtime.FollowLogsAsync(id, 0, timeout.Token);

        // When
        Assert.Equal(0, (await Runtime.ExecAsync(id, ["touch", "/state/go"], Ct)).ExitCode);

        // Then
        await using var lines = attached.GetAsyncEnumerator(timeout.Token);
        Assert.True(await lines.MoveNextAsync());
        Assert.Contains(lines.Current.Text, new[] { "after-go", "after-go-err" });
    }

    [Fact]
    public async Task Following_logs_ends_when_the_container_is_removed()
    {
        var (id, _) = await RunAsync("ends", TestWorkloads.Shell("echo only-line; sleep 3600"));
        using var timeout = new CancellationTokenSource(WaitLimit);
        await using var lines = (await Runtime.FollowLogsAsync(id, 10, timeout.Token)).GetAsyncEnumerator(timeout.Token);
        Assert.True(await lines.MoveNextAsync());
        Assert.Equal("only-line", lines.Current.Text);

        await Runtime.RemoveAsync(id, Ct);

        Assert.False(await lines.MoveNextAsync());
    }

    [Fact]
    public async Task Cancelling_the_follow_of_a_quiet_container_ends_it()
    {
        // Given: a follower waiting for a line that never comes
        var (id, _) = await RunAsync("quiet", TestWorkloads.Shell("echo only-line; sleep 3600"));
        using var follower = new CancellationTokenSource();
        await using var lines = (await Runtime.FollowLogsAsync(id, 10, follower.Token)).GetAsyncEnumerator(follower.Token);
        Assert.True(await lines.MoveNextAsync());
        var waiting = lines.MoveNextAsync().AsTask();

        // When
        await follower.CancelAsync();

        // Then: the wait ends as cancelled instead of hanging until the container writes again
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(WaitLimit));
    }

    private async Task WaitForLogAsync(string containerId, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!(await Runtime.GetLogsAsync(containerId, 100, Ct)).Contains(text, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < WaitLimit, $"{containerId} did not log '{text}' within {WaitLimit.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(100), Ct);
        }
    }

    [Fact]
    public async Task Following_the_logs_of_a_missing_container_throws_container_not_found()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Runtime.FollowLogsAsync(NameFor("missing"), 10, Ct));

        Assert.Equal(ErrorCodes.ContainerNotFound, error.Code);
    }
}
