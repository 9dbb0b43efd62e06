using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using Boilerhouse.Core.Containers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Answers a container's logs: the last lines as text (at most <see cref="MaxTextBytes"/>, the newest
/// kept), or followed as Server-Sent Events, one event per line, its type <c>stdout</c> or <c>stderr</c>.
/// A follow attaches to the engine before answering, so a container gone meanwhile is still a 404.
/// </summary>
public static class LogAnswers
{
    public const int MaxTextBytes = 1024 * 1024;

    /// <summary>Set on a text answer that lost its oldest lines to <see cref="MaxTextBytes"/>.</summary>
    public const string TruncatedHeader = "Boilerhouse-Logs-Truncated";

    /// <summary>The type of the first event of a followed log, once the engine is attached.</summary>
    public const string AttachedEvent = "attached";

    public static async Task<Results<ContentHttpResult, ServerSentEventsResult<string>, ProblemHttpResult>> AnswerAsync(
        IContainerRuntime runtime, string containerId, LogsQuery query, HttpContext http)
    {
        var tail = query.ReadTail();
        if (query.ReadFollow(http.Request))
        {
            var lines = await runtime.FollowLogsAsync(containerId, tail, http.RequestAborted);
            return TypedResults.ServerSentEvents(Events(containerId, lines, http.RequestAborted));
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

    /// <summary>
    /// First an <c>attached</c> event (its data the container id): it sends the headers at once, and
    /// every line written after it arrives. Then the lines; the client going away ends them quietly.
    /// </summary>
    private static async IAsyncEnumerable<SseItem<string>> Events(
        string containerId, IAsyncEnumerable<ContainerLogLine> lines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return new SseItem<string>(containerId, AttachedEvent);
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
