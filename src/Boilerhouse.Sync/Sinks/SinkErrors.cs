using System.Net;
using System.Net.Sockets;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// One sink's call guard: maps a store's failure to SINK_UNAVAILABLE (did not answer: retry later)
/// or SYNC_FAILED (refused: retrying will not help). Each sink says which exceptions are its SDK's
/// and what HTTP status a service error carries (0 when it has none, null when it is no service error).
/// </summary>
internal sealed class SinkErrors(string sink, Func<Exception, bool> isSdkError, Func<Exception, int?> serviceStatus)
{
    public string Sink => sink;

    public async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (isSdkError(e) || e is HttpRequestException or IOException or TimeoutException
            || (e is TaskCanceledException t && !t.CancellationToken.IsCancellationRequested))
        {
            throw Map(operation, e);
        }
    }

    public BoilerhouseException Map(string operation, Exception e) => serviceStatus(e) switch
    {
        > 0 and var status when !IsServerError(status) => Failed(operation, e),
        not null => Unavailable(operation, e),
        _ when IsUnreachable(e) => Unavailable(operation, e),
        _ => Failed(operation, e),
    };

    private static bool IsUnreachable(Exception e) => e switch
    {
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        TaskCanceledException => true,
        _ when e.InnerException is { } inner => IsUnreachable(inner),
        _ => false,
    };

    private static bool IsServerError(int status) => status >= 500 || status == (int)HttpStatusCode.TooManyRequests;

    private BoilerhouseException Unavailable(string operation, Exception e) =>
        new(ErrorCodes.SinkUnavailable, $"{sink} did not answer while trying to {operation}: {Innermost(e).Message}", e);

    private BoilerhouseException Failed(string operation, Exception e) =>
        new(ErrorCodes.SyncFailed, $"{sink} refused to {operation}: {e.Message}", e);

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
