namespace Boilerhouse.Bench;

/// <summary>
/// SSE subscribers to every event that never read their stream: the host's writes to them back up
/// in the socket buffers, as with a consumer that hangs. Disposing them closes the connections.
/// </summary>
public sealed class StalledSubscribers : IDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage[] _responses;

    private StalledSubscribers(HttpClient http, HttpResponseMessage[] responses)
    {
        _http = http;
        _responses = responses;
    }

    public static async Task<StalledSubscribers> OpenAsync(Uri baseAddress, int count)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = count + 1 }) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var responses = await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/events");
            request.Headers.Accept.ParseAdd("text/event-stream");
            // Headers only: the body is never read.
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.EnsureSuccessStatusCode();
        }));
        return new StalledSubscribers(http, responses);
    }

    public void Dispose()
    {
        foreach (var response in _responses)
        {
            response.Dispose();
        }

        _http.Dispose();
    }
}
