using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>Opens a terminal (a TTY, <c>/bin/sh</c> unless told) in the tenant's container. Dispose it to end the session.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c>, <c>CONTAINER_NOT_FOUND</c>.</exception>
    /// <exception cref="ArgumentException">A size outside 1-1000 or a command without a program.</exception>
    public Task<BoilerhouseTerminal> OpenTerminalAsync(string tenantId, TerminalOptions? options = null, CancellationToken cancellationToken = default) =>
        BoilerhouseTerminal.ConnectAsync(_http, Endpoint, $"api/v1/tenants/{Segment(tenantId)}/terminal" + TerminalQuery(options), _credential, _options, cancellationToken);

    /// <summary>Opens a terminal in any container of this installation, by Docker id or name (operators).</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_NOT_FOUND</c>, <c>INVALID_ID</c>.</exception>
    /// <exception cref="ArgumentException">A size outside 1-1000 or a command without a program.</exception>
    public Task<BoilerhouseTerminal> OpenContainerTerminalAsync(string containerId, TerminalOptions? options = null, CancellationToken cancellationToken = default) =>
        BoilerhouseTerminal.ConnectAsync(_http, Endpoint, $"api/v1/containers/{Segment(containerId)}/terminal" + TerminalQuery(options), _credential, _options, cancellationToken);

    private static string TerminalQuery(TerminalOptions? options)
    {
        if (options?.Columns is < 1 or > 1000 || options?.Rows is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Columns and Rows must be from 1 to 1000.");
        }

        if (options?.Command is { } command && (command.Count == 0 || command[0].Length == 0 || command.Any(a => a.Contains('\0', StringComparison.Ordinal))))
        {
            throw new ArgumentException("Command must name a program (its first entry), without NUL characters.", nameof(options));
        }

        var query = Query(("cols", options?.Columns), ("rows", options?.Rows));
        foreach (var arg in options?.Command ?? [])
        {
            query += (query.Length == 0 ? "?" : "&") + "cmd=" + Uri.EscapeDataString(arg);
        }

        return query;
    }
}
