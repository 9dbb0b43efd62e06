using System.Net;
using System.Net.Sockets;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Sinks;

/// <summary>Maps a store's failure to SINK_UNAVAILABLE (did not answer: retry later) or SYNC_FAILED (refused: retrying will not help).</summary>
internal static class SinkErrors
{
    public static bool IsUnreachable(Exception e) => e switch
    {
        HttpRequestException or SocketException or TimeoutException or IOException => true,
        TaskCanceledException => true,
        _ when e.InnerException is { } inner => IsUnreachable(inner),
        _ => false,
    };

    public static bool IsServerError(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    public static BoilerhouseException Unavailable(string sink, string operation, Exception e) =>
        new(ErrorCodes.SinkUnavailable, $"{sink} did not answer while trying to {operation}: {Innermost(e).Message}", e);

    public static BoilerhouseException Failed(string sink, string operation, Exception e) =>
        new(ErrorCodes.SyncFailed, $"{sink} refused to {operation}: {e.Message}", e);

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
