using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Docker.Runtime;

namespace Boilerhouse.Docker.Tests;

/// <summary>
/// The state volume's folder as state sync uses it directly: the container may have planted links,
/// pipes or devices anywhere in it, and none of them may make a listing, read, write or delete reach
/// anything outside the folder (here a real folder on this machine, as a volume's _data is).
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class LinkSafeFolderTests : IDisposable
{
    private static readonly LocalFileAttributes Attributes = new(
        65534, 65534, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        (UnixFileMode)0b111_101_101);

    private static readonly DateTimeOffset Saved = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private readonly string _volume = Directory.CreateTempSubdirectory("bh-linksafe-volume-").FullName;
    private readonly string _outside = Directory.CreateTempSubdirectory("bh-linksafe-outside-").FullName;
    private readonly string _secret;

    public LinkSafeFolderTests()
    {
        _secret = Path.Combine(_outside, "secret.txt");
        File.WriteAllText(_secret, "outside");
        Directory.CreateDirectory(Path.Combine(_volume, "a", "b"));
        File.WriteAllText(Path.Combine(_volume, "top.txt"), "top");
        File.WriteAllText(Path.Combine(_volume, "a", "b", "deep.txt"), "deep");
        File.CreateSymbolicLink(Path.Combine(_volume, "link.txt"), _secret);
        Directory.CreateSymbolicLink(Path.Combine(_volume, "a", "out"), _outside);
        Run("mkfifo", Path.Combine(_volume, "pipe"));
        Run("mknod", Path.Combine(_volume, "zero"), "c", "1", "5");
    }

    public void Dispose()
    {
        Directory.Delete(_volume, recursive: true);
        Directory.Delete(_outside, recursive: true);
    }

    [Fact]
    public void A_listing_has_the_regular_files_at_any_depth_and_nothing_a_link_leads_to()
    {
        using var folder = LinkSafeFolder.Of(_volume);

        Assert.Equal(["a/b/deep.txt", "top.txt"], folder.ListFiles("").Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["b/deep.txt"], folder.ListFiles("a").Select(f => f.Path));
        Assert.Empty(folder.ListFiles("a/out"));
        Assert.Empty(folder.ListFiles("missing"));
        Assert.Equal(4, folder.ListFiles("").Single(f => f.Path == "a/b/deep.txt").Length);
    }

    [Theory]
    [InlineData("link.txt")]
    [InlineData("a/out/secret.txt")]
    [InlineData("pipe")]
    [InlineData("zero")]
    [InlineData("a/b")]
    [InlineData("missing.txt")]
    public void Only_regular_files_reached_without_links_are_read(string path)
    {
        using var folder = LinkSafeFolder.Of(_volume);

        // A pipe would block an open for reading, a device would be read endlessly: neither is opened.
        Assert.Null(folder.OpenRead(path));
    }

    [Fact]
    public void A_regular_file_is_read_whole()
    {
        using var folder = LinkSafeFolder.Of(_volume);
        using var stream = folder.OpenRead("a/b/deep.txt");

        Assert.Equal("deep", new StreamReader(stream!).ReadToEnd());
    }

    [Fact]
    public async Task A_write_through_a_linked_folder_replaces_the_link_with_a_real_folder_and_leaves_the_outside_alone()
    {
        using (var folder = LinkSafeFolder.Of(_volume))
        {
            await folder.WriteAsync("a/out/secret.txt", new MemoryStream(Encoding.UTF8.GetBytes("tenant")), Attributes, () => Saved, CancellationToken.None);
            await folder.WriteAsync("link.txt", new MemoryStream(Encoding.UTF8.GetBytes("mine")), Attributes, () => Saved, CancellationToken.None);
        }

        Assert.Equal("outside", await File.ReadAllTextAsync(_secret));
        Assert.Equal(["secret.txt"], Directory.EnumerateFileSystemEntries(_outside).Select(Path.GetFileName));
        var written = new FileInfo(Path.Combine(_volume, "a", "out", "secret.txt"));
        Assert.Null(new DirectoryInfo(Path.Combine(_volume, "a", "out")).LinkTarget);
        Assert.Null(new FileInfo(Path.Combine(_volume, "link.txt")).LinkTarget);
        Assert.Equal("mine", await File.ReadAllTextAsync(Path.Combine(_volume, "link.txt")));
        Assert.Equal((Attributes.FileMode, Saved.UtcDateTime), (written.UnixFileMode, written.LastWriteTimeUtc));
        Assert.Equal("65534:65534", Run("stat", "-c", "%u:%g", written.FullName).Trim());
        Assert.Empty(Directory.EnumerateFiles(_volume, ".bh-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_write_whose_commit_throws_leaves_the_old_file_and_no_trace()
    {
        using (var folder = LinkSafeFolder.Of(_volume))
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => folder.WriteAsync("top.txt", new MemoryStream(Encoding.UTF8.GetBytes("bad")), Attributes,
                () => throw new InvalidDataException("hash differs"), CancellationToken.None));
        }

        Assert.Equal("top", await File.ReadAllTextAsync(Path.Combine(_volume, "top.txt")));
        Assert.Empty(Directory.EnumerateFiles(_volume, ".bh-*", SearchOption.AllDirectories));
    }

    [Fact]
    public void A_delete_never_reaches_through_a_linked_folder()
    {
        using var folder = LinkSafeFolder.Of(_volume);

        Assert.False(folder.Delete("a/out/secret.txt"));
        Assert.True(folder.Delete("link.txt"));
        Assert.True(folder.Delete("a/b/deep.txt"));

        Assert.Equal("outside", File.ReadAllText(_secret));
        Assert.Equal(["top.txt"], folder.ListFiles("").Select(f => f.Path));
    }

    private static string Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
