using System.Text;
using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker.Runtime;

/// <summary>
/// Cuts the chunks of a container's log stream into lines, stdout and stderr apart (a chunk may end
/// mid-line, even mid-character). A line longer than <paramref name="maxLineBytes"/> is given in pieces
/// so one endless line cannot fill memory.
/// </summary>
internal sealed class LogLineSplitter(int maxLineBytes = 64 * 1024)
{
    private readonly Dictionary<ContainerLogStream, MemoryStream> _partial = [];

    public List<ContainerLogLine> Add(ContainerLogStream stream, byte[] buffer, int count)
    {
        var lines = new List<ContainerLogLine>();
        var pending = _partial.TryGetValue(stream, out var found) ? found : _partial[stream] = new MemoryStream();
        var start = 0;
        for (var i = 0; i < count; i++)
        {
            if (buffer[i] == (byte)'\n')
            {
                pending.Write(buffer, start, i - start);
                lines.Add(Take(stream, pending));
                start = i + 1;
            }
            else if (pending.Length + (i - start + 1) >= maxLineBytes)
            {
                pending.Write(buffer, start, i - start + 1);
                lines.Add(Take(stream, pending));
                start = i + 1;
            }
        }

        pending.Write(buffer, start, count - start);
        return lines;
    }

    /// <summary>What is left without a line break, at the end of the stream.</summary>
    public List<ContainerLogLine> Flush() =>
        [.. _partial.Where(p => p.Value.Length > 0).Select(p => Take(p.Key, p.Value))];

    private static ContainerLogLine Take(ContainerLogStream stream, MemoryStream pending)
    {
        var text = Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        pending.SetLength(0);
        return new ContainerLogLine(stream, text.EndsWith('\r') ? text[..^1] : text);
    }
}
