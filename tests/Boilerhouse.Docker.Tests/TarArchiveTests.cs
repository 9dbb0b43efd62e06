using System.Formats.Tar;
using System.Text;

namespace Boilerhouse.Docker.Tests;

public sealed class TarArchiveTests
{
    [Fact]
    public async Task Create_writes_owner_mode_and_parent_directories()
    {
        using var tar = TarArchive.Create([new TarFileEntry("a/b/c.txt", Encoding.UTF8.GetBytes("hi")) { Uid = 1000, Gid = 1001, Mode = UnixFileMode.UserRead }]);

        var entries = new List<TarEntry>();
        await using (var reader = new TarReader(tar, leaveOpen: true))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                entries.Add(entry);
            }
        }

        Assert.Equal(["a/", "a/b/", "a/b/c.txt"], entries.Select(e => e.Name));
        Assert.All(entries, e => Assert.Equal((1000, 1001), (e.Uid, e.Gid)));
        Assert.Equal(TarArchive.DirectoryMode, entries[0].Mode);
        Assert.Equal(UnixFileMode.UserRead, entries[2].Mode);
    }

    [Fact]
    public async Task ReadFilesAsync_returns_what_Create_wrote()
    {
        using var tar = TarArchive.Create([new("x.txt", Encoding.UTF8.GetBytes("x")), new(".hidden/y.bin", new byte[] { 0, 1, 2 })]);

        var files = await TarArchive.ReadFilesAsync(tar, CancellationToken.None);

        Assert.Equal(2, files.Count);
        Assert.Equal("x"u8.ToArray(), files["x.txt"]);
        Assert.Equal(new byte[] { 0, 1, 2 }, files[".hidden/y.bin"]);
    }

    [Theory]
    [InlineData("../escape.txt")]
    [InlineData("a/../../b")]
    [InlineData("")]
    public void Create_rejects_paths_that_leave_the_archive(string path) =>
        Assert.Throws<ArgumentException>(() => TarArchive.Create([new(path, Array.Empty<byte>())]));
}
