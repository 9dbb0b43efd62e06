using System.Text.Json;
using Boilerhouse.Core.Access;
using Boilerhouse.Core.Errors;
using Boilerhouse.Functions.Apis;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Boilerhouse.Functions.Access;

/// <summary>
/// Every request passes here: who calls (key), may they (rule, tenant scope, pools), how often
/// (rate limits), how much (container quota); state-changing requests are written to the audit log.
/// </summary>
public sealed class AccessControl(
    RequestDelegate next, AccessMode mode, AccessSettings settings, KeyAuthenticator authenticator, FixedWindowCounter counter,
    ClaimQuotaStore quotas, OrchestrationStore orchestrations, AuditStore audit, TimeProvider time, ILogger<AccessControl> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        // The dashboard (pages, its hub, sign-in, static files) signs users in with a cookie and checks roles itself.
        if (Boilerhouse.Dashboard.DashboardServices.IsDashboardEndpoint(http.GetEndpoint()))
        {
            await next(http);
            return;
        }

        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern;
        var action = $"{http.Request.Method} {(pattern?.RawText is { } raw ? AccessRules.Normalize(raw) : "(no route)")}";
        AccessPrincipal? principal = null;
        try
        {
            principal = mode.Enforced ? await AuthenticateAsync(http) : AccessPrincipal.Open;
            if (principal is null)
            {
                return;
            }

            if (pattern is null)
            {
                await next(http);
                return;
            }

            if (principal != AccessPrincipal.Open && !await AuthorizeAsync(http, principal, pattern))
            {
                return;
            }

            http.Items[typeof(AccessPrincipal)] = principal;
            await next(http);
        }
        finally
        {
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
            {
                await RecordAsync(http, principal, action);
            }
        }
    }

    /// <summary>The caller's principal, or null after answering 401/429.</summary>
    private async Task<AccessPrincipal?> AuthenticateAsync(HttpContext http)
    {
        var (presented, key) = PresentedKey.Read(http.Request);
        if (!presented)
        {
            await UnauthenticatedAsync(http, "This API needs a key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'.");
            return null;
        }

        // Failed guesses are limited per address; while blocked even a right key is refused, so the answer tells nothing.
        var address = "auth-failures:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (counter.Peek(address, settings.AuthFailuresPerMinute) is { } blockedFor)
        {
            await RateLimitedAsync(http, blockedFor, "Too many failed authentications from this address; try again later.");
            return null;
        }

        if (await authenticator.AuthenticateAsync(key, http.RequestAborted) is not { } principal)
        {
            counter.Count(address, settings.AuthFailuresPerMinute);
            await UnauthenticatedAsync(http, "The API key is not valid: it is unknown, revoked, expired or malformed.");
            return null;
        }

        if (principal.RateLimitPerMinute is { } limit && counter.Count("key:" + principal.KeyId, limit) is { } retryAfter)
        {
            await RateLimitedAsync(http, retryAfter, $"This key may make {limit} requests per minute; try again in {retryAfter} s.");
            return null;
        }

        return principal;
    }

    /// <summary>True when the call may go on; otherwise the answer (403/404/429) is written.</summary>
    private async Task<bool> AuthorizeAsync(HttpContext http, AccessPrincipal principal, RoutePattern pattern)
    {
        var rule = AccessRules.Find(http.Request.Method, pattern.RawText ?? "");
        if (rule is null)
        {
            logger.LogError("No access rule for {Method} {Route}: it is refused to every key; add it to AccessRules", http.Request.Method, pattern.RawText);
            await Problems.For(http, AccessErrorCodes.Forbidden, "No key may call this endpoint (it has no access rule).").ExecuteAsync(http);
            return false;
        }

        if (!rule.Allows(principal.Role))
        {
            await Problems.For(http, AccessErrorCodes.Forbidden, $"A key with role '{principal.Role.ToString().ToLowerInvariant()}' may not call {http.Request.Method} {AccessRules.Normalize(pattern.RawText ?? "")}.").ExecuteAsync(http);
            return false;
        }

        if (principal.Role != AccessRole.Tenant)
        {
            return true;
        }

        return rule.Scope switch
        {
            AccessScope.TenantRoute => await TenantInScopeAsync(http, principal),
            AccessScope.TenantClaim => await TenantInScopeAsync(http, principal) && await ClaimAllowedAsync(http, principal),
            AccessScope.OrchestrationInstance => await InstanceInScopeAsync(http, principal),
            AccessScope.OrchestrationList => await ListInScopeAsync(http, principal),
            _ => true,
        };
    }

    private static string TenantOf(HttpContext http) =>
        (http.Request.RouteValues["tenantId"] ?? http.Request.RouteValues["id"])?.ToString() ?? "";

    /// <summary>Another tenant answers exactly as a tenant that holds nothing: the key learns nothing of it.</summary>
    private static async Task<bool> TenantInScopeAsync(HttpContext http, AccessPrincipal principal)
    {
        var tenantId = TenantOf(http);
        if (principal.MayActFor(tenantId))
        {
            return true;
        }

        await Problems.For(http, ErrorCodes.TenantNotFound, $"Tenant '{Shorten(tenantId)}' holds no container.").ExecuteAsync(http);
        return false;
    }

    private async Task<bool> ClaimAllowedAsync(HttpContext http, AccessPrincipal principal)
    {
        var tenantId = TenantOf(http);
        if (principal.Pools.Count > 0 && await PoolOfClaimAsync(http) is { } poolId && !principal.MayClaimIn(poolId))
        {
            await Problems.For(http, AccessErrorCodes.Forbidden, $"This key may claim only in pools {string.Join(", ", principal.Pools)}.").ExecuteAsync(http);
            return false;
        }

        if (principal.MaxContainers is not { } max)
        {
            return true;
        }

        if (!await quotas.TryReserveAsync(principal.KeyId, max, tenantId, principal.Tenants.Allows, http.RequestAborted))
        {
            await Problems.For(http, AccessErrorCodes.QuotaExceeded,
                $"This key's tenants already hold {max} container(s), its maxContainers; release one first.").ExecuteAsync(http);
            return false;
        }

        // A claim still running keeps its reservation; one that ended is in the database or holds nothing.
        http.Response.OnStarting(async () =>
        {
            if (http.Response.StatusCode != StatusCodes.Status202Accepted)
            {
                await quotas.CancelAsync(principal.KeyId, tenantId);
            }
        });
        return true;
    }

    /// <summary>The claim body's poolId, read without consuming the body; null when the body is no JSON object (the claim answers 400).</summary>
    private static async Task<string?> PoolOfClaimAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("poolId", out var pool)
                && pool.ValueKind == JsonValueKind.String ? pool.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            http.Request.Body.Position = 0;
        }
    }

    private async Task<bool> InstanceInScopeAsync(HttpContext http, AccessPrincipal principal)
    {
        var instanceId = http.Request.RouteValues["instanceId"]?.ToString() ?? "";
        if (InstanceIds.IsValid(instanceId)
            && await orchestrations.GetAsync(instanceId, false, http.RequestAborted) is { TenantId: { } tenantId } && principal.MayActFor(tenantId))
        {
            return true;
        }

        await Problems.For(http, ErrorCodes.OrchestrationNotFound, $"No orchestration instance '{Shorten(instanceId)}'.").ExecuteAsync(http);
        return false;
    }

    /// <summary>A tenant key lists one of its tenants at a time; another tenant's list is as empty as an unknown tenant's.</summary>
    private static async Task<bool> ListInScopeAsync(HttpContext http, AccessPrincipal principal)
    {
        var tenantId = http.Request.Query["tenantId"].ToString();
        if (tenantId.Length == 0)
        {
            if (principal.Tenants.Entries is [var only] && !only.EndsWith('*'))
            {
                var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value);
                query["tenantId"] = only;
                http.Request.QueryString = QueryString.Create(query);
                return true;
            }

            await Problems.For(http, ErrorCodes.InvalidRequest, "A tenant key lists the orchestrations of one tenant at a time: add ?tenantId=<one of its tenants>.").ExecuteAsync(http);
            return false;
        }

        if (principal.MayActFor(tenantId))
        {
            return true;
        }

        await TypedResults.Ok(new OrchestrationListResponse([], null)).ExecuteAsync(http);
        return false;
    }

    private static async Task UnauthenticatedAsync(HttpContext http, string message)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer realm=\"boilerhouse\"";
        await Problems.For(http, AccessErrorCodes.Unauthenticated, message).ExecuteAsync(http);
    }

    private static async Task RateLimitedAsync(HttpContext http, int retryAfterSeconds, string message)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Problems.For(http, AccessErrorCodes.RateLimited, message).ExecuteAsync(http);
    }

    private static async Task CompleteStartedAnswerAsync(HttpContext http)
    {
        try
        {
            if (http.Response.HasStarted)
            {
                await http.Response.CompleteAsync();
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            // The caller went away: the request is still audited.
        }
    }

    /// <summary>
    /// An answer already begun is finished first: its status is final, and the caller (a claim waiting
    /// for its last chunk) need not wait for the audit write; the audit log's readers wait for it instead.
    /// </summary>
    private async Task RecordAsync(HttpContext http, AccessPrincipal? principal, string action)
    {
        try
        {
            await audit.AddAfterAsync(() => CompleteStartedAnswerAsync(http), () => new AuditRecord
            {
                Time = time.GetUtcNow(),
                KeyId = principal?.KeyId,
                KeyName = principal?.Name,
                Action = action,
                Target = Shorten(http.Request.Path.Value ?? ""),
                Status = http.Response.StatusCode,
                ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not write the audit record of {Action}", action);
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "..." : text;
}
