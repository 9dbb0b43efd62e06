using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;

namespace Boilerhouse.Core.Access;

/// <summary>The tenant ids a tenant key may act for: exact ids and prefixes written as "prefix*".</summary>
public sealed class TenantScope
{
    private readonly HashSet<string> _exact;
    private readonly string[] _prefixes;

    private TenantScope(IReadOnlyList<string> entries)
    {
        Entries = entries;
        _exact = entries.Where(e => !e.EndsWith('*')).ToHashSet(StringComparer.Ordinal);
        _prefixes = entries.Where(e => e.EndsWith('*')).Select(e => e[..^1]).ToArray();
    }

    public IReadOnlyList<string> Entries { get; }

    public bool Allows(string tenantId) =>
        _exact.Contains(tenantId) || _prefixes.Any(p => tenantId.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Checks every entry: an id, or a non-empty id prefix followed by one '*'.</summary>
    public static TenantScope Parse(IEnumerable<string> entries)
    {
        var list = entries.ToList();
        foreach (var entry in list)
        {
            var id = entry.EndsWith('*') ? entry[..^1] : entry;
            if (!ResourceId.IsValid(id))
            {
                throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                    $"Tenant scope entry '{entry}' is invalid: use a tenant id or a prefix followed by '*' (e.g. \"acme-*\"); {ResourceId.Rule}.");
            }
        }

        return new TenantScope(list);
    }
}
