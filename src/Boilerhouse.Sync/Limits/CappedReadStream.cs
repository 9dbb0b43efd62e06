using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// Reads a stream but never past the size that was planned for it: an object that grew between
/// listing and fetch, or an endpoint that lies about sizes, fails the transfer instead of filling
/// memory or disk.
/// </summary>
internal sealed class CappedReadStream(Stream inner, long limit, string what) : ReadOnlyWrapperStream(inner)
{
    /// <summary>True once more than the planned size came.</summary>
    public bool Exceeded => BytesRead > limit;

    public override int Read(byte[] buffer, int offset, int count) => Checked(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Checked(await Inner.ReadAsync(buffer, cancellationToken));

    private int Checked(int read) =>
        Counted(read) is var counted && BytesRead <= limit
            ? counted
            : throw new BoilerhouseException(ErrorCodes.SyncFailed,
                $"{what} is bigger than the {limit} bytes planned for it (it changed after it was listed, or the store misreports sizes); nothing past that size is read.");
}
