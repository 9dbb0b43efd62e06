using System.Net;

namespace Boilerhouse.Functions.Access;

/// <summary>Whether every address in BOILERHOUSE_URLS is a loopback one (127.x, ::1, localhost).</summary>
public static class ListenAddresses
{
    public static bool LoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(IsLoopback);

    private static bool IsLoopback(string url)
    {
        // "http://*:80" and "http://+:80" are no URIs to Uri; they listen everywhere anyway.
        if (!Uri.TryCreate(url.Replace("://*", "://any-host").Replace("://+", "://any-host"), UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
