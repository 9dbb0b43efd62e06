using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>Opens a terminal (a TTY, <c>/bin/sh</c> unless told) in the tenant's container. Dispose it to end the session.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c>, <c>CONTAINER_NOT_FOUND</c>, <c>INVALID_REQUEST</c>.</exception>
    public Task<BoilerhouseTerminal> OpenTerminalAsync(string tenantId, TerminalOptions? options = null, CancellationToken cancellationToken = default) =>
        BoilerhouseTerminal.ConnectAsync(_http, Endpoint, $"api/v1/tenants/{Segment(tenantId)}/terminal" + TerminalQuery(options), _credential, _options, cancellationToken);

    /// <summary>Opens a terminal in any container of this installation, by Docker id or name (operators).</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c>, <c>INVALID_REQUEST</c>.</exception>
    public Task<BoilerhouseTerminal> OpenContainerTerminalAsync(string containerId, TerminalOptions? options = null, CancellationToken cancellationToken = default) =>
        BoilerhouseTerminal.ConnectAsync(_http, Endpoint, $"api/v1/containers/{Segment(containerId)}/terminal" + TerminalQuery(options), _credential, _options, cancellationToken);

    private static string TerminalQuery(TerminalOptions? options)
    {
        var query = Query(("cols", options?.Columns), ("rows", options?.Rows));
        foreach (var arg in options?.Command ?? [])
        {
            query += (query.Length == 0 ? "?" : "&") + "cmd=" + Uri.EscapeDataString(arg);
        }

        return query;
    }
}
