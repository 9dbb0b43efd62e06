using System.Security.Cryptography;
using Boilerhouse.Sync.Integrity;
using Boilerhouse.Sync.Limits;

namespace Boilerhouse.Sync;

/// <summary>
/// One file's bytes held while they wait to be sent: in memory when small, in a temp file (deleted
/// on dispose) when large, so a run never holds a whole archive in memory. Hashed as it is read.
/// </summary>
public sealed class SpooledContent : IAsyncDisposable
{
    public const long MemoryLimit = 8 * 1024 * 1024;

    private readonly byte[]? _memory;
    private readonly FileStream? _file;
    private readonly IDisposable? _reservation;

    private SpooledContent(byte[]? memory, FileStream? file, long length, string sha256, UploadDigest? digest, IDisposable? reservation = null)
    {
        _memory = memory;
        _file = file;
        _reservation = reservation;
        Length = length;
        Sha256 = sha256;
        Digest = digest;
    }

    public long Length { get; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; }

    /// <summary>The MD5 for the store to check on upload, when it was asked for.</summary>
    public UploadDigest? Digest { get; }

    public static Task<SpooledContent> ReadAsync(Stream source, long expectedLength, CancellationToken cancellationToken, SpoolSpace? spool = null) =>
        ReadAsync(source, expectedLength, withDigest: false, cancellationToken, spool);

    /// <summary>
    /// Spools and hashes the stream in one pass; <paramref name="withDigest"/> adds the MD5 an upload
    /// sends. The source must not be longer than <paramref name="expectedLength"/> (callers bound it);
    /// large content goes to <paramref name="spool"/> (space reserved first), else to the temp folder.
    /// </summary>
    public static async Task<SpooledContent> ReadAsync(Stream source, long expectedLength, bool withDigest, CancellationToken cancellationToken, SpoolSpace? spool = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var md5 = withDigest ? IncrementalHash.CreateHash(HashAlgorithmName.MD5) : null;
        var buffer = new byte[81920];
        if (expectedLength <= MemoryLimit)
        {
            using var memory = new MemoryStream((int)Math.Max(expectedLength, 0));
            await CopyHashingAsync(source, memory, hash, md5, buffer, cancellationToken);
            return new SpooledContent(memory.ToArray(), null, memory.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), DigestOf(md5));
        }

        var reservation = spool is null ? null : await spool.ReserveAsync(expectedLength, "A file to spool", cancellationToken);
        FileStream? file = null;
        try
        {
            file = spool?.CreateFile() ?? new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await CopyHashingAsync(source, file, hash, md5, buffer, cancellationToken);
            return new SpooledContent(null, file, file.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), DigestOf(md5), reservation);
        }
        catch
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }

            reservation?.Dispose();
            throw;
        }
    }

    /// <summary>The SHA-256 and length of a stream, reading it to the end without keeping it.</summary>
    public static async Task<ManifestEntry> HashAsync(Stream source, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return new ManifestEntry(length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    /// <summary>A fresh read-only stream over the content, from the start.</summary>
    public Stream Open()
    {
        if (_memory is not null)
        {
            return new MemoryStream(_memory, writable: false);
        }

        _file!.Position = 0;
        return new NonClosingStream(_file);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync();
        }

        _reservation?.Dispose();
    }

    private static UploadDigest? DigestOf(IncrementalHash? md5) => md5 is null ? null : new UploadDigest(md5.GetHashAndReset());

    private static async Task CopyHashingAsync(
        Stream source, Stream target, IncrementalHash hash, IncrementalHash? md5, byte[] buffer, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            // The upload's MD5 is the one extra pass integrity costs: a large chunk is hashed for it on
            // another core while this one computes the SHA-256 and writes, and the buffer is reused only
            // once both are done.
            var chunk = buffer.AsMemory(0, read);
            var md5Done = md5 is null ? Task.CompletedTask
                : read >= ParallelMd5Chunk ? Task.Run(() => md5.AppendData(chunk.Span), CancellationToken.None)
                : AppendNow(md5, chunk.Span);
            try
            {
                hash.AppendData(chunk.Span);
                await target.WriteAsync(chunk, cancellationToken);
            }
            finally
            {
                await md5Done;
            }
        }
    }

    /// <summary>Below this a chunk's MD5 is cheaper to compute in place than to hand to another core.</summary>
    private const int ParallelMd5Chunk = 32 * 1024;

    private static Task AppendNow(IncrementalHash md5, ReadOnlySpan<byte> chunk)
    {
        md5.AppendData(chunk);
        return Task.CompletedTask;
    }

    /// <summary>Lets a reader dispose its stream without closing (and deleting) the spool file.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
