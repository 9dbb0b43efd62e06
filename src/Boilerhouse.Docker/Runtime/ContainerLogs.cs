using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Boilerhouse.Core.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>Reads a container's last log lines, stdout and stderr interleaved as they were written, or follows them as they come.</summary>
internal sealed class ContainerLogs(EngineConnection engine)
{
    public async Task<string> TailAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Call.RunAsync(
                "read container logs",
                async t =>
                {
                    var parameters = new ContainerLogsParameters
                    {
                        ShowStdout = true,
                        ShowStderr = true,
                        Tail = tail.ToString(CultureInfo.InvariantCulture),
                    };
                    using var stream = await engine.Client.Containers.GetContainerLogsAsync(containerId, false, parameters, t).ConfigureAwait(false);
                    return await ReadInterleavedAsync(stream, t).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("read logs", containerId, e);
        }
    }

    /// <remarks>
    /// Only attaching runs under the engine's request deadline: a followed log stays open as long as
    /// the container runs. An engine that drops the connection ends the lines like a stopped container.
    /// </remarks>
    public async Task<IAsyncEnumerable<ContainerLogLine>> FollowAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        var stream = await OpenFollowAsync(containerId, tail, cancellationToken).ConfigureAwait(false);
        // The engine's stream may not watch the token while it waits for a quiet container's next line:
        // closing it ends that wait, and frees the stream when its lines are never read.
        var closeOnCancel = cancellationToken.Register(stream.Dispose);
        return ReadLinesAsync(stream, closeOnCancel, cancellationToken);
    }

    private static async IAsyncEnumerable<ContainerLogLine> ReadLinesAsync(
        MultiplexedStream stream, CancellationTokenRegistration closeOnCancel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            var splitter = new LogLineSplitter();
            var buffer = new byte[16 * 1024];
            while (true)
            {
                MultiplexedStream.ReadResult read;
                try
                {
                    read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
                {
                    throw new OperationCanceledException("Following the logs was cancelled.", e, cancellationToken);
                }
                catch (IOException)
                {
                    break;
                }

                if (read.EOF)
                {
                    break;
                }

                var target = read.Target == MultiplexedStream.TargetStream.StandardError ? ContainerLogStream.Stderr : ContainerLogStream.Stdout;
                foreach (var line in splitter.Add(target, buffer, read.Count))
                {
                    yield return line;
                }
            }

            foreach (var line in splitter.Flush())
            {
                yield return line;
            }
        }
        finally
        {
            closeOnCancel.Dispose();
            stream.Dispose();
        }
    }

    private async Task<MultiplexedStream> OpenFollowAsync(string containerId, int tail, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Call.RunAsync(
                "follow container logs",
                t => engine.Client.Containers.GetContainerLogsAsync(
                    containerId,
                    false,
                    new ContainerLogsParameters
                    {
                        ShowStdout = true,
                        ShowStderr = true,
                        Follow = true,
                        Tail = tail.ToString(CultureInfo.InvariantCulture),
                    },
                    t),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw DockerErrors.ContainerFailed("follow logs", containerId, e);
        }
    }

    private static async Task<string> ReadInterleavedAsync(MultiplexedStream stream, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
            }

            output.Write(buffer, 0, read.Count);
        }
    }
}
