using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Functions.Access;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>The pure rules under access control: listen addresses, tenant scopes, key shape.</summary>
public sealed class AccessLogicTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7071", true)]
    [InlineData("http://localhost:7071", true)]
    [InlineData("http://[::1]:7071", true)]
    [InlineData("http://127.0.0.1:7071;https://localhost:7443", true)]
    [InlineData("http://0.0.0.0:7071", false)]
    [InlineData("http://*:7071", false)]
    [InlineData("http://+:7071", false)]
    [InlineData("http://[::]:7071", false)]
    [InlineData("http://10.1.2.3:7071", false)]
    [InlineData("http://127.0.0.1:7071;http://192.168.1.5:7071", false)]
    [InlineData("http://example.com:7071", false)]
    public void Loopback_only_is_true_only_when_every_address_is_loopback(string urls, bool expected) =>
        Assert.Equal(expected, ListenAddresses.LoopbackOnly(urls));

    [Fact]
    public void Tenant_scope_allows_exact_ids_and_prefixes_and_nothing_else()
    {
        var scope = TenantScope.Parse(["alpha", "team-*"]);

        Assert.True(scope.Allows("alpha"));
        Assert.True(scope.Allows("team-1"));
        Assert.False(scope.Allows("alpha2"));
        Assert.False(scope.Allows("alph"));
        Assert.False(scope.Allows("team"));
        Assert.False(scope.Allows("other-team-1"));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("a*b")]
    [InlineData("Upper")]
    [InlineData("../x")]
    [InlineData("")]
    public void Tenant_scope_refuses_entries_that_are_no_id_or_prefix(string entry) =>
        Assert.Equal(ErrorCodes.InvalidRequest, Assert.Throws<BoilerhouseException>(() => TenantScope.Parse([entry])).Code);

    [Fact]
    public void New_secrets_have_the_key_shape_and_differ()
    {
        var a = ApiKeySecret.New();
        var b = ApiKeySecret.New();

        Assert.True(ApiKeySecret.HasShape(a));
        Assert.NotEqual(a, b);
        Assert.False(ApiKeySecret.HasShape("xyz_" + a[4..]));
        Assert.False(ApiKeySecret.HasShape(a + "A"));
        Assert.False(ApiKeySecret.HasShape(a[..^1] + "!"));
    }
}
