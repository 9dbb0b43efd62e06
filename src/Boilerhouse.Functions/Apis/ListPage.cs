using System.Globalization;
using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Keyset paging of the admin lists: ?limit (1-500, default 100) and ?after (the previous page's
/// "next"), so a page never shifts when rows come and go between requests.
/// </summary>
public static class ListPage
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static int Limit(string? raw) =>
        string.IsNullOrEmpty(raw) ? DefaultLimit
        : int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit ? limit
        : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"limit must be a whole number from 1 to {MaxLimit}, got '{Shorten(raw)}'.");

    /// <summary>A filter value that must be one of <paramref name="allowed"/> (lower case), or null when absent.</summary>
    public static T? OneOf<T>(string name, string? raw, IReadOnlyDictionary<string, T> allowed)
        where T : struct =>
        string.IsNullOrEmpty(raw) ? null
        : allowed.TryGetValue(raw, out var value) ? value
        : throw new BoilerhouseException(ErrorCodes.InvalidRequest, $"{name} must be one of {string.Join(", ", allowed.Keys)}, got '{Shorten(raw)}'.");

    /// <summary>The next page's cursor: the last key when the page is full, else null (no more).</summary>
    public static string? Next<T>(IReadOnlyList<T> page, int limit, Func<T, string> key) => page.Count == limit ? key(page[^1]) : null;

    public static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
