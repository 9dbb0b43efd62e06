namespace Boilerhouse.Client;

/// <summary>
/// An API key sent as <c>Authorization: Bearer</c> with every request. The key can be replaced
/// (after a rotation) without building a new client.
/// </summary>
public sealed class BoilerhouseKeyCredential
{
    private string _key;

    /// <summary>Creates a credential for an API key (<c>bhk_...</c> or the bootstrap admin key).</summary>
    public BoilerhouseKeyCredential(string key) => _key = Check(key);

    /// <summary>The key sent with the next request.</summary>
    public string Key => Volatile.Read(ref _key);

    /// <summary>Uses another key from the next request on, e.g. after <c>keys rotate</c>.</summary>
    public void Update(string key) => Volatile.Write(ref _key, Check(key));

    private static string Check(string key) =>
        string.IsNullOrWhiteSpace(key) ? throw new ArgumentException("An API key must not be empty.", nameof(key)) : key.Trim();
}
