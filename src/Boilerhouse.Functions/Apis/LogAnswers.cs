using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Boilerhouse.Core.Containers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Answers a container's logs: the last lines as text (at most <see cref="MaxTextBytes"/>, the newest
/// kept), or followed as Server-Sent Events, one event per line, its type <c>stdout</c> or <c>stderr</c>.
/// </summary>
public static class LogAnswers
{
    public const int MaxTextBytes = 1024 * 1024;

    /// <summary>Set on a text answer that lost its oldest lines to <see cref="MaxTextBytes"/>.</summary>
    public const string TruncatedHeader = "Boilerhouse-Logs-Truncated";

    public static async Task<Results<ContentHttpResult, ServerSentEventsResult<string>, ProblemHttpResult>> AnswerAsync(
        IContainerRuntime runtime, string containerId, LogsQuery query, HttpContext http)
    {
        var tail = query.ReadTail();
        if (query.ReadFollow(http.Request))
        {
            return TypedResults.ServerSentEvents(Events(runtime.FollowLogsAsync(containerId, tail, http.RequestAborted), http.RequestAborted));
        }

        var text = await runtime.GetLogsAsync(containerId, tail, http.RequestAborted);
        var (kept, truncated) = Newest(text, MaxTextBytes);
        if (truncated)
        {
            http.Response.Headers[TruncatedHeader] = "true";
        }

        return TypedResults.Text(kept, "text/plain", Encoding.UTF8);
    }

    /// <summary>The newest whole lines that fit in <paramref name="maxBytes"/>.</summary>
    public static (string Text, bool Truncated) Newest(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return (text, false);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var start = bytes.Length - maxBytes;
        var lineStart = Array.IndexOf(bytes, (byte)'\n', start - 1);
        // Cut at a line start; one line longer than the cap is cut inside it.
        start = lineStart < 0 ? start : lineStart + 1;
        return (Encoding.UTF8.GetString(bytes, start, bytes.Length - start), true);
    }

    /// <summary>The lines as events; the client going away ends them quietly.</summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(IAsyncEnumerable<ContainerLogLine> lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var enumerator = lines.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                more = false;
            }

            if (!more)
            {
                yield break;
            }

            var line = enumerator.Current;
            yield return new SseItem<string>(line.Text, line.Stream == ContainerLogStream.Stderr ? "stderr" : "stdout");
        }
    }
}
