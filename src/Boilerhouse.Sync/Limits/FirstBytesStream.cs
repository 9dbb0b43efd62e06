namespace Boilerhouse.Sync.Limits;

/// <summary>
/// The first <paramref name="length"/> bytes of a stream: a file read from a live container may grow
/// after it was listed, and a save stores what it listed (its hash is of exactly those bytes).
/// </summary>
internal sealed class FirstBytesStream(Stream inner, long length) : ReadOnlyWrapperStream(inner)
{
    public override int Read(byte[] buffer, int offset, int count) =>
        Counted(Inner.Read(buffer, offset, Allowed(count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await Inner.ReadAsync(buffer[..Allowed(buffer.Length)], cancellationToken));

    private int Allowed(int count) => (int)Math.Min(count, length - BytesRead);
}
