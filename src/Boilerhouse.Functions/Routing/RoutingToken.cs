namespace Boilerhouse.Functions.Routing;

/// <summary>A short-lived access token for one tenant's traffic, as the claim answer hands it out.</summary>
public sealed record RoutingToken(string Token, DateTimeOffset ExpiresAt);
