using System.Text;

namespace Boilerhouse.Docker.Runtime;

/// <summary>Keeps the first <c>limit</c> bytes of a stream of output and remembers whether more came.</summary>
internal sealed class OutputBuffer(int limit)
{
    private readonly MemoryStream kept = new();

    public bool Truncated { get; private set; }

    public void Append(byte[] buffer, int count)
    {
        var room = (int)Math.Min(count, limit - kept.Length);
        if (room > 0)
        {
            kept.Write(buffer, 0, room);
        }

        Truncated |= room < count;
    }

    public override string ToString() => Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
}
