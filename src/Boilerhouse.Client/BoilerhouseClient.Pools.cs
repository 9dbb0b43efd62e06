using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>Every pool and its sizes.</summary>
    public Task<IReadOnlyList<Pool>> GetPoolsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<Pool>>("api/v1/pools", cancellationToken);

    /// <summary>One pool and its sizes.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>POOL_NOT_FOUND</c>.</exception>
    public Task<Pool> GetPoolAsync(string poolId, CancellationToken cancellationToken = default) =>
        GetAsync<Pool>($"api/v1/pools/{Segment(poolId)}", cancellationToken);

    /// <summary>A pool's containers: warm, claimed (with their tenant), starting, unhealthy.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>POOL_NOT_FOUND</c>.</exception>
    public Task<IReadOnlyList<PoolContainer>> GetPoolContainersAsync(string poolId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<PoolContainer>>($"api/v1/pools/{Segment(poolId)}/containers", cancellationToken);
}
