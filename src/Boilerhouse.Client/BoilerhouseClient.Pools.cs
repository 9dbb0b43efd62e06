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

    /// <summary>
    /// Changes a pool's sizes at once; the server writes them back into the pool's workload file.
    /// A size left null keeps its value.
    /// </summary>
    /// <exception cref="BoilerhouseRequestException"><c>POOL_NOT_FOUND</c>, <c>INVALID_WORKLOAD_SPEC</c> (e.g. min above max).</exception>
    public Task<Pool> ScalePoolAsync(string poolId, int? minSize = null, int? maxSize = null, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, int>();
        if (minSize is { } min)
        {
            body["min_size"] = min;
        }

        if (maxSize is { } max)
        {
            body["max_size"] = max;
        }

        return SendJsonAsync<Pool>(HttpMethod.Post, $"api/v1/pools/{Segment(poolId)}/scale", body, repeatable: true, cancellationToken);
    }

    /// <summary>Stops refilling the pool (warm containers are still handed out) until resumed or the server restarts.</summary>
    public Task<Pool> PausePoolAsync(string poolId, CancellationToken cancellationToken = default) => PoolActionAsync(poolId, "pause", cancellationToken);

    /// <summary>Refills the pool again.</summary>
    public Task<Pool> ResumePoolAsync(string poolId, CancellationToken cancellationToken = default) => PoolActionAsync(poolId, "resume", cancellationToken);

    /// <summary>Pauses the pool and removes its warm containers; claimed ones stay until released.</summary>
    public Task<Pool> DrainPoolAsync(string poolId, CancellationToken cancellationToken = default) => PoolActionAsync(poolId, "drain", cancellationToken);

    // Each action sets a state: repeating it is the same as doing it once.
    private Task<Pool> PoolActionAsync(string poolId, string action, CancellationToken cancellationToken) =>
        SendJsonAsync<Pool>(HttpMethod.Post, $"api/v1/pools/{Segment(poolId)}/{action}", null, repeatable: true, cancellationToken);
}
