using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public class ShellWordsTests
{
    [Theory]
    [InlineData("a b  c", new[] { "a", "b", "c" })]
    [InlineData("  ", new string[0])]
    [InlineData("'' x", new[] { "", "x" })]
    [InlineData("a'b c'd", new[] { "ab cd" })]
    [InlineData("\"a \\\"q\\\" $HOME\"", new[] { "a \"q\" $HOME" })]
    [InlineData("'no \\escape'", new[] { "no \\escape" })]
    [InlineData("a\\ b", new[] { "a b" })]
    public void TrySplit_splits_like_posix_shell_without_expansion(string text, string[] expected)
    {
        Assert.True(ShellWords.TrySplit(text, out var words, out _));
        Assert.Equal(expected, words);
    }

    [Theory]
    [InlineData("'open", "has an unterminated ' quote")]
    [InlineData("\"open", "has an unterminated \" quote")]
    [InlineData("trailing\\", "ends with an unfinished backslash escape")]
    public void TrySplit_reports_unfinished_quoting(string text, string expected)
    {
        Assert.False(ShellWords.TrySplit(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
