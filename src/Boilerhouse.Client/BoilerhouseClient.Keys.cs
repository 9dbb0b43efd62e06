using Boilerhouse.Client.Models;

namespace Boilerhouse.Client;

public sealed partial class BoilerhouseClient
{
    /// <summary>Creates an API key (admin keys only); the answer is the only time its secret is shown.</summary>
    /// <remarks>Not retried after a dropped connection: a lost answer would leave a second key.</remarks>
    public Task<CreatedApiKey> CreateKeyAsync(NewApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SendJsonAsync<CreatedApiKey>(HttpMethod.Post, "api/v1/keys", key, repeatable: false, cancellationToken);
    }

    /// <summary>Every API key, without secrets.</summary>
    public Task<IReadOnlyList<ApiKey>> GetKeysAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<ApiKey>>("api/v1/keys", cancellationToken);

    /// <summary>One API key, without its secret.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>KEY_NOT_FOUND</c>.</exception>
    public Task<ApiKey> GetKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        GetAsync<ApiKey>($"api/v1/keys/{Segment(keyId)}", cancellationToken);

    /// <summary>Revokes a key at once: its next request gets 401.</summary>
    /// <exception cref="BoilerhouseRequestException"><c>KEY_NOT_FOUND</c>.</exception>
    public Task RevokeKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"api/v1/keys/{Segment(keyId)}", repeatable: true, cancellationToken);

    /// <summary>Gives a key a new secret (same id and rights); the old secret stops working at once.</summary>
    public Task<CreatedApiKey> RotateKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CreatedApiKey>(HttpMethod.Post, $"api/v1/keys/{Segment(keyId)}/rotate", null, repeatable: false, cancellationToken);
}
