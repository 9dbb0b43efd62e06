using System.Globalization;
using System.Net;
using Boilerhouse.Client.Http;

namespace Boilerhouse.Client;

/// <summary>
/// The Boilerhouse API for tenant apps and operators: claims and releases that return when they
/// are done, exec, files and terminals, containers, tenants, pools, hosts, workloads,
/// orchestrations, keys, stats and live events. Thread-safe; keep one per server.
/// </summary>
/// <example>
/// <code>
/// var client = new BoilerhouseClient(new Uri("http://127.0.0.1:7071"), new BoilerhouseKeyCredential(key));
/// var claim = await client.ClaimAsync("alice", new ClaimRequest("web"));
/// Console.WriteLine(claim.ContainerId);
/// await client.ReleaseAsync("alice");
/// </code>
/// </example>
public sealed partial class BoilerhouseClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly RequestSender _sender;
    private readonly BoilerhouseClientOptions _options;
    private readonly BoilerhouseKeyCredential? _credential;

    /// <summary>Creates a client for the server at <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The server, e.g. <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="credential">The API key; null for a server that has no keys yet.</param>
    /// <param name="options">Retries, timeouts and the transport; defaults when null.</param>
    public BoilerhouseClient(Uri endpoint, BoilerhouseKeyCredential? credential, BoilerhouseClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _options = options ?? new BoilerhouseClientOptions();
        Endpoint = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        _http = _options.Transport is { } transport ? new HttpClient(transport, disposeHandler: false) : new HttpClient();
        _http.BaseAddress = Endpoint;
        _http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own timeout; streams have none
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        _credential = credential;
        _sender = new RequestSender(_http, credential, _options);
    }

    /// <summary>Creates a client for a server that needs no key.</summary>
    public BoilerhouseClient(Uri endpoint) : this(endpoint, null)
    {
    }

    /// <summary>The server this client talks to.</summary>
    public Uri Endpoint { get; }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _sender.SendAsync(_ => new HttpRequestMessage(HttpMethod.Get, path), repeatable: true, cancellationToken);
        return await ClientJson.ReadAsync<T>(response, cancellationToken);
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, bool repeatable, CancellationToken cancellationToken)
    {
        using var response = await _sender.SendAsync(_ => Message(method, path, body), repeatable, cancellationToken);
        return await ClientJson.ReadAsync<T>(response, cancellationToken);
    }

    private async Task SendAsync(HttpMethod method, string path, bool repeatable, CancellationToken cancellationToken)
    {
        using var response = await _sender.SendAsync(_ => new HttpRequestMessage(method, path), repeatable, cancellationToken);
    }

    private static HttpRequestMessage Message(HttpMethod method, string path, object? body) =>
        new(method, path) { Content = body is null ? null : ClientJson.Content(body) };

    /// <summary>An id as one path segment.</summary>
    private static string Segment(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }

    /// <summary>A query string from the values that are set.</summary>
    private static string Query(params (string Name, object? Value)[] values)
    {
        var parts = values
            .Where(v => v.Value is not null && v.Value is not string { Length: 0 })
            .Select(v => $"{v.Name}={Uri.EscapeDataString(Format(v.Value!))}")
            .ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(',', list),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool IsAccepted(HttpResponseMessage response) => response.StatusCode == HttpStatusCode.Accepted;
}
