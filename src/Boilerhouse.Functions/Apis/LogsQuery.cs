using System.Globalization;
using Boilerhouse.Core.Errors;
using Microsoft.AspNetCore.Mvc;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// How much of a container's log to answer (?tail=N, default 100, at most 10000 lines) and whether to
/// follow it as Server-Sent Events (?follow=true or Accept: text/event-stream). Values stay text so a
/// bad one gets a precise problem, not a binding error.
/// </summary>
public sealed record LogsQuery([FromQuery(Name = "tail")] string? Tail, [FromQuery(Name = "follow")] string? Follow)
{
    public const int DefaultTail = 100;
    public const int MaxTail = 10_000;

    public int ReadTail() => Tail switch
    {
        null or { Length: 0 } => DefaultTail,
        _ when int.TryParse(Tail, NumberStyles.None, CultureInfo.InvariantCulture, out var tail) && tail <= MaxTail => tail,
        _ => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"tail must be a whole number of lines from 0 to {MaxTail}, got '{Tail}'."),
    };

    public bool ReadFollow(HttpRequest request) => Follow?.Trim().ToLowerInvariant() switch
    {
        null or "" => request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true),
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"follow must be true or false, got '{Follow}'."),
    };
}
