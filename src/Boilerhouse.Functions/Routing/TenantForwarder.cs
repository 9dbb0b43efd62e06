using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

namespace Boilerhouse.Functions.Routing;

/// <summary>YARP's forwarder with one shared connection pool to every container (no proxy, no redirects, no cookies, no decompression).</summary>
public sealed class TenantForwarder(IHttpForwarder forwarder) : IDisposable
{
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromMinutes(10) };

    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
        ConnectTimeout = TimeSpan.FromSeconds(15),
    });

    internal ValueTask<ForwarderError> SendAsync(HttpContext http, string destination, TenantAddress address, RoutingPass pass) =>
        forwarder.SendAsync(http, destination, _client, RequestConfig, new TenantTransformer(address, pass));

    public void Dispose() => _client.Dispose();
}
