using System.Runtime.CompilerServices;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Tests.Infrastructure;

/// <summary>
/// A real sink whose listing lies about sizes (as an endpoint, or an object swapped after listing,
/// can), and which counts the bytes read from it. Used only for those faults.
/// </summary>
public sealed class MisreportingSink(ISink inner, Func<SinkObject, long> listedSize) : ISink
{
    private long _read;

    public long BytesRead => Interlocked.Read(ref _read);

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var o in inner.ListAsync(prefix, cancellationToken))
        {
            yield return o with { Size = listedSize(o) };
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        await inner.OpenReadAsync(key, cancellationToken) is { } stream ? new Counting(stream, this) : null;

    public Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken) =>
        inner.UploadAsync(key, content, length, cancellationToken);

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken) => inner.DeleteAsync(keys, cancellationToken);

    private sealed class Counting(Stream inner, MisreportingSink sink) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Add(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Add(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Add(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Add(int read)
        {
            Interlocked.Add(ref sink._read, read);
            return read;
        }
    }
}
