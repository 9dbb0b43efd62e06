using System.Globalization;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>Reads an optional ISO 8601 time from a query value, as UTC.</summary>
public static class QueryTime
{
    public static DateTimeOffset? Read(string key, string? raw) => raw switch
    {
        null or { Length: 0 } => null,
        _ => DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime()
            : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{key} '{raw}' is not an ISO 8601 time such as 2026-01-31T12:00:00Z."),
    };
}
