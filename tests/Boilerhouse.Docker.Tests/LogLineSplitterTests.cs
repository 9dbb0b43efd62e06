using System.Text;
using Boilerhouse.Core.Containers;
using Boilerhouse.Docker.Runtime;

namespace Boilerhouse.Docker.Tests;

public sealed class LogLineSplitterTests
{
    [Fact]
    public void Lines_split_across_chunks_and_characters_come_out_whole()
    {
        var splitter = new LogLineSplitter();
        var bytes = Encoding.UTF8.GetBytes("héllo\r\nwörld\n");

        var lines = new List<ContainerLogLine>();
        for (var i = 0; i < bytes.Length; i++)
        {
            lines.AddRange(splitter.Add(ContainerLogStream.Stdout, bytes[i..(i + 1)], 1));
        }

        ContainerLogLine[] expected = [new(ContainerLogStream.Stdout, "héllo"), new(ContainerLogStream.Stdout, "wörld")];
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Stdout_and_stderr_keep_their_own_unfinished_lines()
    {
        var splitter = new LogLineSplitter();

        Assert.Empty(Add(splitter, ContainerLogStream.Stdout, "out-"));
        Assert.Equal(new ContainerLogLine(ContainerLogStream.Stderr, "err"), Assert.Single(Add(splitter, ContainerLogStream.Stderr, "err\n")));
        Assert.Equal(new ContainerLogLine(ContainerLogStream.Stdout, "out-done"), Assert.Single(Add(splitter, ContainerLogStream.Stdout, "done\n")));
    }

    [Fact]
    public void An_endless_line_comes_out_in_pieces_of_the_maximum()
    {
        var splitter = new LogLineSplitter(maxLineBytes: 4);

        var lines = Add(splitter, ContainerLogStream.Stdout, "abcdefghij");
        var rest = splitter.Flush();

        Assert.Equal(["abcd", "efgh", "ij"], lines.Concat(rest).Select(l => l.Text));
    }

    private static List<ContainerLogLine> Add(LogLineSplitter splitter, ContainerLogStream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return splitter.Add(stream, bytes, bytes.Length);
    }
}
