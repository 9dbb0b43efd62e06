using Boilerhouse.Client.Models;

namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>A tenant's claim for one test, released at the end (unless the test released it) so the shared pools keep room.</summary>
public sealed class HeldContainer(BoilerhouseClient client, ClaimResult claim) : IAsyncDisposable
{
    public ClaimResult Claim => claim;

    public string TenantId => claim.TenantId;

    public string ContainerId => claim.ContainerId;

    public static async Task<HeldContainer> ClaimAsync(BoilerhouseClient client, string poolId, string tenantPrefix) =>
        new(client, await client.ClaimAsync($"{tenantPrefix}-{Guid.NewGuid():N}"[..24], new ClaimRequest(poolId)));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await client.ReleaseAsync(claim.TenantId);
        }
        catch (BoilerhouseRequestException e) when (e.Code == "TENANT_NOT_FOUND")
        {
            // The test released it already.
        }
    }
}
