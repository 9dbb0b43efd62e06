using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>The installation at a glance: pools, containers by state, tenants, and claims, releases and syncs that ended in the last hour.</summary>
    public Task<ServerStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ServerStats>("api/v1/stats", cancellationToken);
}
