using System.Security.Cryptography;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;
using Boilerhouse.Sync.Sinks;
using Boilerhouse.Sync.Tests.Infrastructure;

namespace Boilerhouse.Sync.Tests.Integrity;

/// <summary>
/// Sinks check themselves against the real stores: s3rver keeps aws-chunked framing as the object,
/// which the canary notices and fixes (or reports, when the spec insists on chunked encoding), and
/// a store that did not get the bytes the upload's Content-MD5 describes fails the upload.
/// </summary>
public sealed class SelfCheckingSinkTests : IDisposable
{
    private readonly string _name = $"bh-canary-{Guid.NewGuid():N}"[..24];
    private readonly SinkFactory _factory = new(name => SinkServers.Settings.GetValueOrDefault(name));

    public void Dispose() => _factory.Dispose();

    private SinkSpec S3(bool? chunked) => new(SinkType.S3, "", Bucket: _name, Endpoint: SinkServers.S3Endpoint, ChunkedEncoding: chunked);

    private SinkSpec Azure => new(SinkType.AzureBlob, "", Container: _name, ConnectionSetting: SinkServers.AzureSetting);

    [Fact]
    public async Task S3_sink_with_chunked_encoding_unwritten_turns_it_off_and_round_trips_byte_for_byte()
    {
        var sink = _factory.Get(S3(chunked: null));
        var text = "hello tenant\n"u8.ToArray();
        var binary = RandomNumberGenerator.GetBytes(70_000);

        await sink.UploadAsync("t/note.txt", new MemoryStream(text), text.Length, CancellationToken.None);
        await sink.UploadAsync("t/blob.bin", new MemoryStream(binary), binary.Length, UploadDigest.Of(binary), CancellationToken.None);

        Assert.Equal(text, await ReadAsync(sink, "t/note.txt"));
        Assert.Equal(binary, await ReadAsync(sink, "t/blob.bin"));
        var health = ((SelfCheckingSink)sink).Health!;
        Assert.Equal("healthy", health.Status);
        Assert.Contains("chunked encoding was turned off", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_sink_with_chunked_encoding_written_true_is_unhealthy_and_refuses_to_move_state()
    {
        var sink = (SelfCheckingSink)_factory.Get(S3(chunked: true));
        var data = "state"u8.ToArray();

        var refused = await Assert.ThrowsAsync<BoilerhouseException>(() => sink.UploadAsync("t/x.txt", new MemoryStream(data), data.Length, CancellationToken.None));

        Assert.Equal(ErrorCodes.SinkUnavailable, refused.Code);
        Assert.Contains("unhealthy", refused.Message, StringComparison.Ordinal);
        var health = await sink.CheckAsync(CancellationToken.None);
        Assert.Equal("unhealthy", health.Status);
        Assert.Contains("chunk-signature", health.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task S3_upload_the_store_got_other_bytes_of_fails_and_is_retryable()
    {
        // The raw store, chunked uploads on: s3rver keeps the framing, so what it stored is not what was sent.
        using var store = new S3Sink(S3(chunked: true), name => SinkServers.Settings.GetValueOrDefault(name));
        var data = RandomNumberGenerator.GetBytes(5_000);

        var failed = await Assert.ThrowsAsync<BoilerhouseException>(() =>
            store.UploadAsync("t/framed.bin", new MemoryStream(data), data.Length, UploadDigest.Of(data), CancellationToken.None));

        Assert.Equal(ErrorCodes.SinkUnavailable, failed.Code);
        Assert.Contains("t/framed.bin", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task Upload_the_store_confirms_with_a_checksum_of_other_bytes_fails_and_is_retryable(string kind)
    {
        var sink = _factory.Get(kind == "s3" ? S3(chunked: false) : Azure);
        var data = RandomNumberGenerator.GetBytes(5_000);
        var other = UploadDigest.Of(RandomNumberGenerator.GetBytes(5_000));

        var failed = await Assert.ThrowsAsync<BoilerhouseException>(() =>
            sink.UploadAsync("t/wrong.bin", new MemoryStream(data), data.Length, other, CancellationToken.None));

        Assert.Equal(ErrorCodes.SinkUnavailable, failed.Code);
        Assert.Contains("t/wrong.bin", failed.Message, StringComparison.Ordinal);
    }

    private static async Task<byte[]> ReadAsync(ISink sink, string key)
    {
        await using var stream = await sink.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
