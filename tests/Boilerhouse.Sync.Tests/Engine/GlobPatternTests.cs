namespace Boilerhouse.Sync.Tests.Engine;

public sealed class GlobPatternTests
{
    [Theory]
    [InlineData("*.json", "a.json", true)]
    [InlineData("**/*.log", "x/y/a.log", true)]
    [InlineData("*.json", "a.json\n", false)]
    [InlineData("**/*.log", "x/a.log\n", false)]
    [InlineData("{a,b}.txt", "b.txt\n", false)]
    public void A_file_name_ending_in_a_newline_is_a_different_name(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, GlobPattern.Parse(pattern).Matches(path));
    }
}
