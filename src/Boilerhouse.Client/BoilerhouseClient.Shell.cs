using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Boilerhouse.Client.Http;
using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>
    /// Runs a command in the tenant's container (no shell in between) and returns how it ended. A
    /// command that fails or times out is still a result (<see cref="ExecResult.ExitCode"/>,
    /// <see cref="ExecResult.TimedOut"/>), not an exception. Every run goes into the command log.
    /// </summary>
    /// <remarks>Not retried after a dropped connection: the command may have run.</remarks>
    /// <exception cref="BoilerhouseRequestException"><c>TENANT_NOT_FOUND</c>, <c>CONTAINER_NOT_FOUND</c>, <c>INVALID_REQUEST</c> (e.g. a timeout outside 1-600 s).</exception>
    public Task<ExecResult> ExecAsync(string tenantId, ExecRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            cmd = request.Command,
            timeoutSeconds = request.Timeout is { } timeout ? (int?)Math.Ceiling(timeout.TotalSeconds) : null,
            env = request.Environment,
            workdir = request.WorkingDirectory,
        };
        return SendJsonAsync<ExecResult>(HttpMethod.Post, $"api/v1/tenants/{Segment(tenantId)}/exec", body, repeatable: false, cancellationToken);
    }

    /// <summary>Runs a command given as the program and its arguments; see <see cref="ExecAsync(string, ExecRequest, CancellationToken)"/>.</summary>
    public Task<ExecResult> ExecAsync(string tenantId, IReadOnlyList<string> command, CancellationToken cancellationToken = default) =>
        ExecAsync(tenantId, new ExecRequest(command), cancellationToken);

    /// <summary>A file of the tenant's state volume, its bytes as stored (at most 64 MiB). <paramref name="path"/> is relative to the volume, e.g. <c>notes/today.txt</c>.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_PATH_NOT_FOUND</c>, <c>PATH_REFUSED</c> (absolute, <c>..</c>, through a link), <c>INVALID_REQUEST</c> (a folder).</exception>
    public async Task<byte[]> GetFileAsync(string tenantId, string path, CancellationToken cancellationToken = default)
    {
        using var response = await _sender.SendAsync(
            _ => new HttpRequestMessage(HttpMethod.Get, FilesPath(tenantId, path, list: false)), repeatable: true, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    /// <summary>A folder of the tenant's state volume (<c>""</c>: its root), entries by name.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_PATH_NOT_FOUND</c>, <c>PATH_REFUSED</c>, <c>INVALID_REQUEST</c> (a file).</exception>
    public Task<FileListing> ListFilesAsync(string tenantId, string path = "", CancellationToken cancellationToken = default) =>
        GetAsync<FileListing>(FilesPath(tenantId, path, list: path.Length > 0), cancellationToken);

    /// <summary>Writes <paramref name="content"/> as the file at <paramref name="path"/> of the tenant's state volume (replacing it), creating missing folders, owned by the workload's user.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>PAYLOAD_TOO_LARGE</c> past 64 MiB, <c>PATH_REFUSED</c>, <c>INVALID_REQUEST</c> (a folder is there).</exception>
    public async Task PutFileAsync(string tenantId, string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var url = FilesPath(tenantId, path, list: false);
        // Writing the same bytes again is the same file: safe to repeat after a dropped connection.
        using var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = new ReadOnlyMemoryContent(content) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        }, repeatable: true, cancellationToken);
    }

    /// <summary>Deletes the file, or the folder with its contents, at <paramref name="path"/> of the tenant's state volume.</summary>
    /// <remarks>Not retried after a dropped connection: a repeat of a delete that happened would answer <c>CONTAINER_PATH_NOT_FOUND</c>.</remarks>
    /// <exception cref="BoilerhouseRequestException"><c>CONTAINER_PATH_NOT_FOUND</c>, <c>PATH_REFUSED</c>, <c>INVALID_REQUEST</c> (the volume's root).</exception>
    public Task DeleteFileAsync(string tenantId, string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, FilesPath(tenantId, path, list: false), repeatable: false, cancellationToken);

    /// <summary>The tenant's command log (execs and terminal sessions), newest first, page after page as the enumeration goes on.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="pageSize">Entries per page (1-1000, default 100).</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async IAsyncEnumerable<CommandLogEntry> GetCommandsAsync(
        string tenantId, int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var path = $"api/v1/tenants/{Segment(tenantId)}/commands";
        string? before = null;
        do
        {
            var page = await GetAsync<CommandPage>(path + Query(("top", pageSize), ("before", before)), cancellationToken);
            foreach (var entry in page.Entries)
            {
                yield return entry;
            }

            before = page.Next;
        }
        while (before is not null);
    }

    private static string FilesPath(string tenantId, string path, bool list)
    {
        ArgumentNullException.ThrowIfNull(path);
        // path= is always sent, even empty (the volume's root).
        return $"api/v1/tenants/{Segment(tenantId)}/files?path={Uri.EscapeDataString(path)}" + (list ? "&list=true" : "");
    }
}
