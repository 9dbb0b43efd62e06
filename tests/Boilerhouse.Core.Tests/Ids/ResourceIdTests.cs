using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;

namespace Boilerhouse.Core.Tests.Ids;

public class ResourceIdTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("a")]
    [InlineData("tenant-1.b_c")]
    public void Valid_ids_pass(string id) => Assert.True(ResourceId.IsValid(id));

    [Theory]
    [InlineData("alice\n")]
    [InlineData("alice\r\n")]
    [InlineData("\nalice")]
    [InlineData("Alice")]
    [InlineData(".alice")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Ids_with_a_trailing_newline_or_other_odd_characters_are_refused(string id)
    {
        Assert.False(ResourceId.IsValid(id));
        Assert.Equal(ErrorCodes.InvalidId, Assert.Throws<BoilerhouseException>(() => ResourceId.Require(id, "tenant")).Code);
    }

    [Fact]
    public void Sixty_three_characters_pass_and_sixty_four_with_a_newline_do_not()
    {
        var longest = new string('a', 63);

        Assert.True(ResourceId.IsValid(longest));
        Assert.False(ResourceId.IsValid(longest[..62] + "\n"));
    }
}
