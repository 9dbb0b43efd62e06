using System.Text;
using System.Text.Json;
using Boilerhouse.Core.Events;
using Boilerhouse.Orchestration.Events;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Writes frames in the text/event-stream format: an event carries its id (so a reconnecting client
/// resumes after it) and its type as the SSE event name; a marker carries no id.
/// </summary>
public static class ServerSentEvents
{
    public static string Format(IReadOnlyList<EventFrame> frames)
    {
        var text = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.Event is { } e)
            {
                text.Append("id: ").Append(e.Id).Append('\n')
                    .Append("event: ").Append(e.Type).Append('\n')
                    .Append("data: ").Append(JsonSerializer.Serialize(e, PayloadJson.Options)).Append("\n\n");
            }
            else if (frame.Marker is { } marker)
            {
                text.Append("event: ").Append(marker.Type).Append('\n')
                    .Append("data: ").Append(JsonSerializer.Serialize(marker, PayloadJson.Options)).Append("\n\n");
            }
        }

        return text.ToString();
    }
}
