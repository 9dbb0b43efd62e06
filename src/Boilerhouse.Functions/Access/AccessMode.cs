using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// Whether requests need a key: yes once a bootstrap admin key is set or any key exists in the
/// database; no while neither is (open on loopback, or BOILERHOUSE_AUTH=none on purpose).
/// </summary>
public sealed class AccessMode(AccessSettings settings, ApiKeyStore keys)
{
    private volatile bool _enforced;

    public bool Enforced => _enforced;

    public async Task InitializeAsync(CancellationToken cancellationToken) =>
        _enforced = settings.AdminKey is not null || await keys.AnyAsync(cancellationToken);

    /// <summary>The first key created through the open API closes it.</summary>
    public void KeyCreated() => _enforced = true;
}
