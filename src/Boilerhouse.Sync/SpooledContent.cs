using System.Security.Cryptography;
using System.Threading.Channels;
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
            await CopyHashingAsync(source, memory, hash, md5, expectedLength, buffer, cancellationToken);
            return new SpooledContent(memory.ToArray(), null, memory.Length, Convert.ToHexStringLower(hash.GetHashAndReset()), DigestOf(md5));
        }

        var reservation = spool is null ? null : await spool.ReserveAsync(expectedLength, "A file to spool", cancellationToken);
        FileStream? file = null;
        try
        {
            file = spool?.CreateFile() ?? new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await CopyHashingAsync(source, file, hash, md5, expectedLength, buffer, cancellationToken);
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
        Stream source, Stream target, IncrementalHash hash, IncrementalHash? md5, long expectedLength, byte[] buffer, CancellationToken cancellationToken)
    {
        if (md5 is not null && expectedLength > BackgroundMd5From)
        {
            await CopyWithBackgroundMd5Async(source, target, hash, md5, cancellationToken);
            return;
        }

        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            md5?.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    /// <summary>Below this size a file's MD5 costs less than handing it to another core.</summary>
    private const long BackgroundMd5From = 256 * 1024;

    /// <summary>
    /// The upload's MD5 is the one extra pass integrity costs, and S3's Content-MD5 header needs it
    /// before the body is sent. So it runs behind the copy on another core, a few chunks back: while
    /// it hashes one chunk, this loop already reads, SHA-256-hashes and writes the next ones. A chunk's
    /// buffer is reused only after the MD5 has taken it.
    /// </summary>
    private static async Task CopyWithBackgroundMd5Async(Stream source, Stream target, IncrementalHash hash, IncrementalHash md5, CancellationToken cancellationToken)
    {
        var free = Channel.CreateBounded<byte[]>(Md5Buffers);
        var filled = Channel.CreateBounded<(byte[] Buffer, int Length)>(Md5Buffers);
        for (var i = 0; i < Md5Buffers; i++)
        {
            free.Writer.TryWrite(new byte[81920]);
        }

        var hashing = Task.Run(async () =>
        {
            await foreach (var (chunk, length) in filled.Reader.ReadAllAsync(CancellationToken.None))
            {
                md5.AppendData(chunk, 0, length);
                free.Writer.TryWrite(chunk);
            }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                var chunk = await free.Reader.ReadAsync(cancellationToken);
                var read = await source.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(chunk, 0, read);
                await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
                await filled.Writer.WriteAsync((chunk, read), CancellationToken.None);
            }
        }
        finally
        {
            // Never leave the hashing task behind, even on failure: it reads the buffers.
            filled.Writer.TryComplete();
            await hashing;
        }
    }

    /// <summary>Chunks the MD5 may fall behind the copy.</summary>
    private const int Md5Buffers = 4;

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
