using Boilerhouse.Functions.Access;

namespace Boilerhouse.Functions.Routing;

/// <summary>
/// Why a request may reach a tenant's container: <see cref="Principal"/> when an API key let it in
/// (that key is not forwarded), <see cref="QueryToken"/> when a token came in the query (it becomes a cookie).
/// </summary>
public sealed record RoutingPass(AccessPrincipal? Principal, bool KeyUsed, string? QueryToken)
{
    public static readonly RoutingPass Anonymous = new(null, false, null);
}
