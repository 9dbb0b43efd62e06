using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Sinks;
using Boilerhouse.Sync.Tests.Infrastructure;

namespace Boilerhouse.Sync.Tests.Sinks;

/// <summary>Each sink against its real store (s3rver, Azurite, a temp folder): bytes come back exact, listings page, deletes delete.</summary>
public sealed class SinkTests : IDisposable
{
    private readonly string _name = $"bh-sink-{Guid.NewGuid():N}"[..24];
    private readonly string _folder = Directory.CreateTempSubdirectory("bh-sink-").FullName;
    private readonly SinkFactory _factory = new(name => SinkServers.Settings.GetValueOrDefault(name));

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string> Kinds => ["s3", "azure", "local"];

    private ISink Sink(string kind) => _factory.Get(kind switch
    {
        "s3" => new SinkSpec(SinkType.S3, "", Bucket: _name, Endpoint: SinkServers.S3Endpoint, ChunkedEncoding: false),
        "azure" => new SinkSpec(SinkType.AzureBlob, "", Container: _name, ConnectionSetting: SinkServers.AzureSetting),
        _ => new SinkSpec(SinkType.Local, "", Path: _folder),
    });

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Objects_come_back_byte_for_byte_and_overwrite_and_delete(string kind)
    {
        var sink = Sink(kind);
        var small = RandomNumberGenerator.GetBytes(1000);
        var large = RandomNumberGenerator.GetBytes(50 * 1024 * 1024);

        await sink.UploadAsync("t/a/small.bin", new MemoryStream(small), small.Length, CancellationToken.None);
        await sink.UploadAsync("t/a/deep/large.bin", new MemoryStream(large), large.Length, CancellationToken.None);

        Assert.Equal(SHA256.HashData(small), await HashAsync(sink, "t/a/small.bin"));
        Assert.Equal(SHA256.HashData(large), await HashAsync(sink, "t/a/deep/large.bin"));
        var replaced = RandomNumberGenerator.GetBytes(10);
        await sink.UploadAsync("t/a/small.bin", new MemoryStream(replaced), replaced.Length, CancellationToken.None);
        Assert.Equal(SHA256.HashData(replaced), await HashAsync(sink, "t/a/small.bin"));
        await sink.DeleteAsync(["t/a/small.bin", "t/a/deep/large.bin", "t/a/never-there"], CancellationToken.None);
        Assert.Null(await sink.OpenReadAsync("t/a/small.bin", CancellationToken.None));
        Assert.Empty(await ListAsync(sink, "t/a/"));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Listing_pages_through_1500_objects_and_keeps_to_its_prefix(string kind)
    {
        var sink = Sink(kind);
        var keys = Enumerable.Range(0, 1500).Select(i => $"t/a/f{i:0000}.txt").ToList();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) =>
            await sink.UploadAsync(key, new MemoryStream([1, 2, 3]), 3, ct));
        await sink.UploadAsync("t/ab/neighbour.txt", new MemoryStream([1]), 1, CancellationToken.None);

        var listed = await ListAsync(sink, "t/a/");

        Assert.Equal(keys, listed.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.All(listed, o => Assert.Equal(3, o.Size));
    }

    [Fact]
    public async Task A_dead_s3_endpoint_fails_fast_as_unavailable_without_the_secret()
    {
        var sink = _factory.Get(new SinkSpec(SinkType.S3, "", Bucket: _name, Endpoint: new Uri($"http://127.0.0.1:{ClosedPort()}"), ChunkedEncoding: false));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => sink.UploadAsync("x", new MemoryStream([1]), 1, CancellationToken.None));

        Assert.Equal(ErrorCodes.SinkUnavailable, error.Code);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.DoesNotContain(SinkServers.Settings[SinkSpec.S3SecretKeySetting], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dead_azure_endpoint_fails_as_unavailable_without_the_key()
    {
        var settings = new Dictionary<string, string>
        {
            ["DEAD"] = SinkServers.Value("AZURE_BLOB_CONNECTION_STRING").Replace(SinkServers.Value("AZURE_BLOB_CONNECTION_STRING").Split("BlobEndpoint=")[1].Split('/')[2], $"127.0.0.1:{ClosedPort()}", StringComparison.Ordinal),
        };
        using var factory = new SinkFactory(settings.GetValueOrDefault);
        var sink = factory.Get(new SinkSpec(SinkType.AzureBlob, "", Container: _name, ConnectionSetting: "DEAD"));

        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => sink.UploadAsync("x", new MemoryStream([1]), 1, CancellationToken.None));

        Assert.Equal(ErrorCodes.SinkUnavailable, error.Code);
        Assert.DoesNotContain("AccountKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_azure_sink_without_its_setting_names_the_setting()
    {
        var error = Assert.Throws<BoilerhouseException>(() => _factory.Get(new SinkSpec(SinkType.AzureBlob, "", Container: _name, ConnectionSetting: "NOT_SET_ANYWHERE")));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.Contains("NOT_SET_ANYWHERE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("/etc/passwd")]
    public async Task The_local_sink_refuses_keys_that_leave_its_folder(string key)
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() => Sink("local").UploadAsync(key, new MemoryStream([1]), 1, CancellationToken.None));

        Assert.Equal(ErrorCodes.SyncFailed, error.Code);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder)!, "outside.txt")));
    }

    private static async Task<byte[]> HashAsync(ISink sink, string key)
    {
        await using var stream = await sink.OpenReadAsync(key, CancellationToken.None) ?? throw new InvalidOperationException($"{key} is missing");
        return await SHA256.HashDataAsync(stream);
    }

    private static async Task<List<SinkObject>> ListAsync(ISink sink, string prefix)
    {
        var all = new List<SinkObject>();
        await foreach (var o in sink.ListAsync(prefix, CancellationToken.None))
        {
            all.Add(o);
        }

        return all;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
