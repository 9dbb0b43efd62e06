namespace Boilerhouse.Functions.Apis;

/// <summary>
/// The optional body of a manual sync, as the OpenAPI document shows it; <see cref="SyncRequestReader"/>
/// reads it strictly. No body, or no direction, means both.
/// </summary>
/// <param name="Direction">"upload", "download" or "both".</param>
public sealed record SyncRequest(string? Direction = null);
