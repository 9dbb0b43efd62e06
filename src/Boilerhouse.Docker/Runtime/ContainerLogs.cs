using System.Globalization;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Boilerhouse.Docker.Runtime;

/// <summary>Reads a container's last log lines, stdout and stderr interleaved as they were written.</summary>
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
