using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Core.Tests.Workloads;

public class ContainerUserTests
{
    [Theory]
    [InlineData("1000:2000", 1000, 2000)]
    [InlineData("1000", 1000, 1000)]
    [InlineData("65534:65534", 65534, 65534)]
    [InlineData("app", 0, 0)]
    [InlineData("1000:staff", 1000, 1000)]
    public void Parse_gives_the_ids_files_are_owned_by(string user, int uid, int gid)
    {
        Assert.Equal((uid, gid), ContainerUser.Parse(user));
    }

    [Theory]
    [InlineData("1000", true)]
    [InlineData("1000:0", true)]
    [InlineData("65534:65534", true)]
    [InlineData("0", false)]
    [InlineData("0:1000", false)]
    [InlineData("000", false)]
    [InlineData("root", false)]
    [InlineData("app:1000", false)]
    [InlineData("1000:staff", false)]
    [InlineData("+1000", false)]
    [InlineData(" 1000", false)]
    [InlineData("1000\n", false)]
    public void Only_numeric_ids_other_than_uid_0_are_known_not_to_be_root(string user, bool expected)
    {
        Assert.Equal(expected, ContainerUser.IsNumericNonRoot(user));
    }
}
