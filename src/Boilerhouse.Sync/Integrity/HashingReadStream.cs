using System.Security.Cryptography;
using Boilerhouse.Sync.Limits;

namespace Boilerhouse.Sync.Integrity;

/// <summary>Hashes (SHA-256) what is read through it, so content is checked in the same pass that moves it.</summary>
internal sealed class HashingReadStream(Stream inner) : ReadOnlyWrapperStream(inner)
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public long BytesHashed => BytesRead;

    /// <summary>Lower-case hex SHA-256 of everything read so far.</summary>
    public string Sha256 => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = Counted(Inner.Read(buffer, offset, count));
        _hash.AppendData(buffer, offset, read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = Counted(await Inner.ReadAsync(buffer, cancellationToken));
        _hash.AppendData(buffer.Span[..read]);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
