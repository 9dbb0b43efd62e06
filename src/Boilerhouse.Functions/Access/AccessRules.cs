using Boilerhouse.Core.Access;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// The one table of who may call what, keyed by HTTP method and route pattern. An endpoint without
/// a rule answers 403 to every key (deny by default), so a new endpoint needs a line here.
/// </summary>
public static class AccessRules
{
    private const AccessRole Admin = AccessRole.Admin;
    private const AccessRole Operator = AccessRole.Operator;
    private const AccessRole Tenant = AccessRole.Tenant;
    private const AccessRole Reader = AccessRole.Reader;

    private static readonly Dictionary<string, AccessRule> Rules = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GET /api/v1/health"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/openapi.json"] = new([Admin, Operator, Reader, Tenant]),

        // Tenant keys are let in; the handler lists only tenants in their scope.
        ["GET /api/v1/tenants"] = new([Admin, Operator, Reader, Tenant]),
        ["POST /api/v1/tenants/{tenantId}/claim"] = new([Admin, Operator, Tenant], AccessScope.TenantClaim),
        ["POST /api/v1/tenants/{tenantId}/release"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["POST /api/v1/tenants/{tenantId}/sync"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["GET /api/v1/tenants/{tenantId}/status"] = new([Admin, Operator, Reader, Tenant], AccessScope.TenantRoute),
        ["POST /api/v1/tenants/{tenantId}/activity"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["POST /api/v1/tenants/{id}/verify"] = new([Admin, Operator], AccessScope.TenantRoute),
        ["POST /api/v1/tenants/{tenantId}/verify"] = new([Admin, Operator], AccessScope.TenantRoute),
        ["GET /api/v1/tenants/{tenantId}/logs"] = new([Admin, Operator, Reader, Tenant], AccessScope.TenantRoute),
        // Running commands, touching files and terminals change a container: never for readers.
        ["POST /api/v1/tenants/{tenantId}/exec"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["GET /api/v1/tenants/{tenantId}/files"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["PUT /api/v1/tenants/{tenantId}/files"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["DELETE /api/v1/tenants/{tenantId}/files"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["GET /api/v1/tenants/{tenantId}/terminal"] = new([Admin, Operator, Tenant], AccessScope.TenantRoute),
        ["GET /api/v1/tenants/{tenantId}/commands"] = new([Admin, Operator, Reader, Tenant], AccessScope.TenantRoute),

        ["GET /api/v1/pools"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/pools/{poolId}"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/pools/{poolId}/containers"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/pools/{poolId}/stats"] = new([Admin, Operator, Reader]),
        ["POST /api/v1/pools"] = new([Admin, Operator]),
        ["PUT /api/v1/pools/{poolId}"] = new([Admin, Operator]),
        ["DELETE /api/v1/pools/{poolId}"] = new([Admin, Operator]),
        ["POST /api/v1/pools/{poolId}/scale"] = new([Admin, Operator]),
        ["POST /api/v1/pools/{poolId}/pause"] = new([Admin, Operator]),
        ["POST /api/v1/pools/{poolId}/resume"] = new([Admin, Operator]),
        ["POST /api/v1/pools/{poolId}/drain"] = new([Admin, Operator]),

        ["GET /api/v1/workloads"] = new([Admin, Operator, Reader]),
        ["POST /api/v1/workloads"] = new([Admin, Operator]),
        ["GET /api/v1/workloads/{workloadId}"] = new([Admin, Operator, Reader]),
        ["PUT /api/v1/workloads/{workloadId}"] = new([Admin, Operator]),
        ["DELETE /api/v1/workloads/{workloadId}"] = new([Admin, Operator]),

        ["GET /api/v1/orchestrations"] = new([Admin, Operator, Reader, Tenant], AccessScope.OrchestrationList),
        ["DELETE /api/v1/orchestrations"] = new([Admin, Operator]),
        ["GET /api/v1/orchestrations/{instanceId}"] = new([Admin, Operator, Reader, Tenant], AccessScope.OrchestrationInstance),
        ["POST /api/v1/orchestrations/{instanceId}/terminate"] = new([Admin, Operator]),
        ["DELETE /api/v1/orchestrations/{instanceId}"] = new([Admin, Operator]),

        ["GET /api/v1/hosts"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/hosts/{hostId}"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/hosts/{hostId}/stats"] = new([Admin, Operator, Reader]),
        ["POST /api/v1/hosts/{hostId}/cordon"] = new([Admin, Operator]),
        ["POST /api/v1/hosts/{hostId}/uncordon"] = new([Admin, Operator]),
        ["POST /api/v1/hosts/{hostId}/drain"] = new([Admin, Operator]),

        ["GET /api/v1/containers"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/containers/{containerId}"] = new([Admin, Operator, Reader]),
        ["DELETE /api/v1/containers/{containerId}"] = new([Admin, Operator]),
        ["GET /api/v1/containers/{containerId}/stats"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/containers/{containerId}/logs"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/containers/{containerId}/terminal"] = new([Admin, Operator]),

        ["GET /api/v1/sync-specs"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/sync-specs/{id}"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/sync-specs/{id}/status"] = new([Admin, Operator, Reader]),
        ["POST /api/v1/sync-specs/{id}/trigger"] = new([Admin, Operator]),

        ["POST /api/v1/keys"] = new([Admin]),
        ["GET /api/v1/keys"] = new([Admin]),
        ["GET /api/v1/keys/{id}"] = new([Admin]),
        ["DELETE /api/v1/keys/{id}"] = new([Admin]),
        ["POST /api/v1/keys/{id}/rotate"] = new([Admin]),

        ["GET /api/v1/audit"] = new([Admin, Operator]),

        // Like the API, /metrics is open only when the whole API is (loopback, no keys); a scraper sends a reader key.
        ["GET /metrics"] = new([Admin, Operator, Reader]),
        ["GET /api/v1/stats"] = new([Admin, Operator, Reader]),
        // Tenant keys are let in; the handler shows them only events of tenants in their scope.
        ["GET /api/v1/events"] = new([Admin, Operator, Reader, Tenant]),
        ["GET /api/v1/events/ws"] = new([Admin, Operator, Reader, Tenant]),
        // Tenant keys are let in; the handler shows them only entries of tenants in their scope.
        ["GET /api/v1/activity"] = new([Admin, Operator, Reader, Tenant]),
    };

    /// <summary>The rule of "METHOD /pattern" (a trailing '/' ignored), or null when there is none.</summary>
    public static AccessRule? Find(string method, string routePattern) =>
        Rules.GetValueOrDefault($"{method} {Normalize(routePattern)}");

    public static string Normalize(string routePattern) =>
        routePattern.Length > 1 ? "/" + routePattern.Trim('/') : routePattern;
}

/// <summary>The roles that may call an endpoint, and how a tenant key's scope applies to it.</summary>
public sealed record AccessRule(IReadOnlyCollection<AccessRole> Roles, AccessScope Scope = AccessScope.None)
{
    public bool Allows(AccessRole role) => Roles.Contains(role);
}

public enum AccessScope
{
    /// <summary>Not about one tenant.</summary>
    None,
    /// <summary>The route's {tenantId} (or {id}) must be in a tenant key's scope.</summary>
    TenantRoute,
    /// <summary>As TenantRoute, plus the key's pools and its container quota.</summary>
    TenantClaim,
    /// <summary>The instance's tenant must be in a tenant key's scope.</summary>
    OrchestrationInstance,
    /// <summary>A tenant key lists only instances of tenants in its scope.</summary>
    OrchestrationList,
}
