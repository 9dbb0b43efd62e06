using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;

namespace Boilerhouse.Core.Events;

/// <summary>
/// Which events a subscriber wants: types (exact, or a family as "container.*"), one pool, one
/// tenant, and an optional scope test (a tenant key sees only its tenants' events).
/// </summary>
public sealed class EventFilter
{
    private readonly HashSet<string> _types;
    private readonly string[] _families;
    private readonly Func<string, bool>? _tenantScope;

    private EventFilter(HashSet<string> types, string[] families, string? poolId, string? tenantId, Func<string, bool>? tenantScope)
    {
        _types = types;
        _families = families;
        PoolId = poolId;
        TenantId = tenantId;
        _tenantScope = tenantScope;
    }

    public static readonly EventFilter Everything = new([], [], null, null, null);

    public string? PoolId { get; }

    public string? TenantId { get; }

    /// <summary>
    /// Parses "a,b,c.*" (empty: every type), a pool id and a tenant id; <paramref name="tenantScope"/>,
    /// when given, hides every event that is not about a tenant it allows. Throws INVALID_REQUEST / INVALID_ID.
    /// </summary>
    public static EventFilter Parse(string? types, string? poolId, string? tenantId, Func<string, bool>? tenantScope = null)
    {
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var families = new List<string>();
        foreach (var type in (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (type.EndsWith(".*", StringComparison.Ordinal) && EventTypes.All.Any(t => t.StartsWith(type[..^1], StringComparison.Ordinal)))
            {
                families.Add(type[..^1]);
            }
            else if (EventTypes.All.Contains(type))
            {
                exact.Add(type);
            }
            else
            {
                throw new BoilerhouseException(ErrorCodes.InvalidRequest,
                    $"Unknown event type '{Shorten(type)}' in ?types=; use any of {string.Join(", ", EventTypes.All)} or a family such as container.*.");
            }
        }

        return new EventFilter(
            exact, [.. families],
            string.IsNullOrEmpty(poolId) ? null : ResourceId.Require(poolId, "pool"),
            string.IsNullOrEmpty(tenantId) ? null : ResourceId.Require(tenantId, "tenant"),
            tenantScope);
    }

    public bool Matches(BoilerhouseEvent e) =>
        (_types.Count == 0 && _families.Length == 0 || _types.Contains(e.Type) || _families.Any(f => e.Type.StartsWith(f, StringComparison.Ordinal)))
        && (PoolId is null || e.PoolId == PoolId)
        && (TenantId is null || e.TenantId == TenantId)
        && (_tenantScope is null || (e.TenantId is { } tenant && _tenantScope(tenant)));

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "..." : text;
}
