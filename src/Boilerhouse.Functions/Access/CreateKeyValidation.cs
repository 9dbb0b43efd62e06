using System.Security.Cryptography;
using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Ids;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Access;

/// <summary>Checks a key request field by field; a bad one answers INVALID_REQUEST naming the field and creates nothing.</summary>
public static class CreateKeyValidation
{
    private const int MaxNameLength = 100;
    private const int MaxListEntries = 1000;

    public static ApiKeyRecord ToRecord(CreateKeyRequest request, DateTimeOffset now)
    {
        var name = request.Name?.Trim() is { Length: > 0 and <= MaxNameLength } n && !n.Any(char.IsControl) ? n
            : throw Invalid($"Field 'name' is required: 1-{MaxNameLength} characters, no control characters.");
        var role = request.Role is { } r && Enum.TryParse<AccessRole>(r, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(r, out _)
            ? parsed
            : throw Invalid("Field 'role' is required: one of admin, operator, tenant, reader.");
        var tenants = request.Tenants ?? [];
        var pools = request.Pools ?? [];
        if (role == AccessRole.Tenant && tenants.Count == 0)
        {
            throw Invalid("A tenant key needs 'tenants': tenant ids and/or prefixes such as \"acme-*\".");
        }

        if (role != AccessRole.Tenant && (tenants.Count > 0 || pools.Count > 0 || request.MaxContainers is not null))
        {
            throw Invalid("Fields 'tenants', 'pools' and 'maxContainers' apply to tenant keys only.");
        }

        if (tenants.Count > MaxListEntries || pools.Count > MaxListEntries)
        {
            throw Invalid($"'tenants' and 'pools' take at most {MaxListEntries} entries each.");
        }

        TenantScope.Parse(tenants);
        foreach (var pool in pools)
        {
            ResourceId.Require(pool, "pool");
        }

        if (request.RateLimitPerMinute is < 1 or > 1_000_000)
        {
            throw Invalid("Field 'rateLimitPerMinute' must be from 1 to 1000000.");
        }

        if (request.MaxContainers is < 1 or > 100_000)
        {
            throw Invalid("Field 'maxContainers' must be from 1 to 100000.");
        }

        if (request.ExpiresAt <= now)
        {
            throw Invalid("Field 'expiresAt' must be in the future.");
        }

        return new ApiKeyRecord
        {
            Id = "key-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Name = name,
            SecretHash = "",
            Prefix = "",
            Role = role.ToString().ToLowerInvariant(),
            Tenants = ApiKeyLists.Join(tenants),
            Pools = ApiKeyLists.Join(pools),
            RateLimitPerMinute = request.RateLimitPerMinute,
            MaxContainers = request.MaxContainers,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
        };
    }

    private static BoilerhouseException Invalid(string message) => new(ErrorCodes.InvalidRequest, message);
}
