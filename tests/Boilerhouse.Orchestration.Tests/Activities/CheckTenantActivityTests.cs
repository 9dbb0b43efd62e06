using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Activities;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Orchestration.Tests.Activities;

/// <summary>The claim's first step decides on the tenant grain's own copy of the assignment (it has no store to read).</summary>
public sealed class CheckTenantActivityTests
{
    private readonly CheckTenantActivity _check = new();

    [Fact]
    public async Task Tenant_without_a_container_gets_a_new_one()
    {
        Assert.Null(await _check.RunAsync(new TenantCheck("t1", "web", null), CancellationToken.None));
    }

    [Fact]
    public async Task Lost_tenant_gets_a_new_one()
    {
        Assert.Null(await _check.RunAsync(new TenantCheck("t1", "web", Assignment(TenantStatus.Lost, "web")), CancellationToken.None));
    }

    [Fact]
    public async Task Repeated_claim_of_the_same_pool_returns_the_held_container()
    {
        var held = Assignment(TenantStatus.Claimed, "web");

        var result = await _check.RunAsync(new TenantCheck("t1", "web", held), CancellationToken.None);

        Assert.NotNull(result);
        Assert.True(result.Existing);
        Assert.Equal((held.ContainerId, held.ContainerName, held.ClaimedAt), (result.ContainerId, result.ContainerName, result.ClaimedAt));
    }

    [Fact]
    public async Task Claim_of_another_pool_is_refused_naming_both_pools()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() =>
            _check.RunAsync(new TenantCheck("t1", "api", Assignment(TenantStatus.Claimed, "web")), CancellationToken.None));

        Assert.Equal(ErrorCodes.TenantAlreadyClaimed, error.Code);
        Assert.Contains("'web'", error.Message);
        Assert.Contains("'api'", error.Message);
    }

    [Fact]
    public async Task Claim_while_releasing_is_refused_as_busy()
    {
        var error = await Assert.ThrowsAsync<BoilerhouseException>(() =>
            _check.RunAsync(new TenantCheck("t1", "web", Assignment(TenantStatus.Releasing, "web")), CancellationToken.None));

        Assert.Equal(ErrorCodes.TenantBusy, error.Code);
    }

    private static TenantRecord Assignment(TenantStatus status, string poolId) => new()
    {
        TenantId = "t1",
        PoolId = poolId,
        ContainerName = $"bh-{poolId}-abc",
        ContainerId = "0123456789ab",
        Status = status,
        EndpointsJson = null,
        ClaimedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        LastActivityAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
    };
}
