using Boilerhouse.Core.Errors;
using Boilerhouse.Sync.Sinks;

namespace Boilerhouse.Sync.Tests.Sinks;

/// <summary>Each operation of the local sink meets a planted link (to a temp "host" folder) and neither follows nor touches it.</summary>
public sealed class LocalFolderSinkLinkTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bh-sink-links-").FullName;
    private readonly string _host = Directory.CreateTempSubdirectory("bh-sink-host-").FullName;
    private readonly LocalFolderSink _sink;

    public LocalFolderSinkLinkTests()
    {
        _sink = new LocalFolderSink(_root);
        File.WriteAllText(Path.Combine(_host, "victim.txt"), "host data");
        Directory.CreateDirectory(Path.Combine(_root, "t"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "t", "linked"), _host);
        File.CreateSymbolicLink(Path.Combine(_root, "t", "file-link"), Path.Combine(_host, "victim.txt"));
        File.WriteAllText(Path.Combine(_root, "t", "plain.txt"), "sink data");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        Directory.Delete(_host, recursive: true);
    }

    [Fact]
    public async Task Reading_through_a_linked_folder_or_a_linked_file_is_refused()
    {
        var viaFolder = await Assert.ThrowsAsync<BoilerhouseException>(() => _sink.OpenReadAsync("t/linked/victim.txt", CancellationToken.None));
        var viaFile = await Assert.ThrowsAsync<BoilerhouseException>(() => _sink.OpenReadAsync("t/file-link", CancellationToken.None));

        Assert.Equal((ErrorCodes.SyncFailed, ErrorCodes.SyncFailed), (viaFolder.Code, viaFile.Code));
        Assert.Contains("'t/linked'", viaFolder.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writing_through_a_linked_folder_or_over_a_linked_file_is_refused_and_the_host_is_unchanged()
    {
        await Assert.ThrowsAsync<BoilerhouseException>(() => _sink.UploadAsync("t/linked/new.txt", new MemoryStream([1]), 1, CancellationToken.None));
        await Assert.ThrowsAsync<BoilerhouseException>(() => _sink.UploadAsync("t/file-link", new MemoryStream([1]), 1, CancellationToken.None));

        Assert.Equal(["victim.txt"], Directory.EnumerateFileSystemEntries(_host).Select(Path.GetFileName));
        Assert.Equal("host data", await File.ReadAllTextAsync(Path.Combine(_host, "victim.txt")));
    }

    [Fact]
    public async Task Deleting_through_a_linked_folder_is_refused_and_the_host_file_stays()
    {
        await Assert.ThrowsAsync<BoilerhouseException>(() => _sink.DeleteAsync(["t/linked/victim.txt"], CancellationToken.None));

        Assert.True(File.Exists(Path.Combine(_host, "victim.txt")));
    }

    [Fact]
    public async Task Listing_never_descends_into_a_link_and_fails_naming_it()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(async () =>
        {
            await foreach (var _ in _sink.ListAsync("t/", CancellationToken.None))
            {
            }
        });

        Assert.Contains("'t/file-link'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_files_beside_no_links_still_round_trip()
    {
        Directory.CreateDirectory(Path.Combine(_root, "u"));
        await _sink.UploadAsync("u/a/b.txt", new MemoryStream("hello"u8.ToArray()), 5, CancellationToken.None);

        var listed = new List<SinkObject>();
        await foreach (var o in _sink.ListAsync("u/", CancellationToken.None))
        {
            listed.Add(o);
        }

        await using (var read = await _sink.OpenReadAsync("u/a/b.txt", CancellationToken.None))
        {
            Assert.Equal("hello", await new StreamReader(read!).ReadToEndAsync());
        }

        await _sink.DeleteAsync(["u/a/b.txt"], CancellationToken.None);
        Assert.Equal([new SinkObject("u/a/b.txt", 5)], listed);
        Assert.False(Directory.Exists(Path.Combine(_root, "u")));
        Assert.True(Directory.Exists(_root));
    }
}
