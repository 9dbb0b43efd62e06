using System.Net;
using Boilerhouse.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boilerhouse.IntegrationTests.Access;

/// <summary>
/// Every endpoint the app maps, called with no key and with a key of every role. An endpoint added
/// without a line in <see cref="Expected"/> (and a rule in AccessRules) fails here.
/// </summary>
[Collection(AccessHostCollection.Name)]
public sealed class AccessMatrixTests(AccessHostFixture fixture)
{
    private const string A = "admin", O = "operator", R = "reader", T = "tenant";

    /// <summary>Which roles may call each endpoint; a tenant key's tenant routes use a tenant in its scope.</summary>
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["GET /api/v1/health"] = [A, O, R],
        ["GET /api/v1/openapi.json"] = [A, O, R, T],
        ["GET /api/v1/tenants"] = [A, O, R, T],
        ["POST /api/v1/tenants/{tenantId}/claim"] = [A, O, T],
        ["POST /api/v1/tenants/{tenantId}/release"] = [A, O, T],
        ["POST /api/v1/tenants/{tenantId}/sync"] = [A, O, T],
        ["GET /api/v1/tenants/{tenantId}/status"] = [A, O, R, T],
        ["POST /api/v1/tenants/{tenantId}/activity"] = [A, O, T],
        ["POST /api/v1/tenants/{id}/verify"] = [A, O],
        ["POST /api/v1/tenants/{tenantId}/verify"] = [A, O],
        ["GET /api/v1/tenants/{tenantId}/logs"] = [A, O, R, T],
        ["POST /api/v1/tenants/{tenantId}/exec"] = [A, O, T],
        ["GET /api/v1/tenants/{tenantId}/files"] = [A, O, T],
        ["PUT /api/v1/tenants/{tenantId}/files"] = [A, O, T],
        ["DELETE /api/v1/tenants/{tenantId}/files"] = [A, O, T],
        ["GET /api/v1/tenants/{tenantId}/terminal"] = [A, O, T],
        ["GET /api/v1/tenants/{tenantId}/commands"] = [A, O, R, T],
        ["GET /api/v1/pools"] = [A, O, R],
        ["GET /api/v1/pools/{poolId}"] = [A, O, R],
        ["GET /api/v1/pools/{poolId}/containers"] = [A, O, R],
        ["GET /api/v1/pools/{poolId}/stats"] = [A, O, R],
        ["POST /api/v1/pools"] = [A, O],
        ["PUT /api/v1/pools/{poolId}"] = [A, O],
        ["DELETE /api/v1/pools/{poolId}"] = [A, O],
        ["POST /api/v1/pools/{poolId}/scale"] = [A, O],
        ["POST /api/v1/pools/{poolId}/pause"] = [A, O],
        ["POST /api/v1/pools/{poolId}/resume"] = [A, O],
        ["POST /api/v1/pools/{poolId}/drain"] = [A, O],
        ["GET /api/v1/workloads"] = [A, O, R],
        ["POST /api/v1/workloads"] = [A, O],
        ["GET /api/v1/workloads/{workloadId}"] = [A, O, R],
        ["PUT /api/v1/workloads/{workloadId}"] = [A, O],
        ["DELETE /api/v1/workloads/{workloadId}"] = [A, O],
        ["GET /api/v1/orchestrations"] = [A, O, R, T],
        ["DELETE /api/v1/orchestrations"] = [A, O],
        ["GET /api/v1/orchestrations/{instanceId}"] = [A, O, R, T],
        ["POST /api/v1/orchestrations/{instanceId}/terminate"] = [A, O],
        ["DELETE /api/v1/orchestrations/{instanceId}"] = [A, O],
        ["GET /api/v1/hosts"] = [A, O, R],
        ["GET /api/v1/hosts/{hostId}"] = [A, O, R],
        ["GET /api/v1/hosts/{hostId}/stats"] = [A, O, R],
        ["POST /api/v1/hosts/{hostId}/cordon"] = [A, O],
        ["POST /api/v1/hosts/{hostId}/uncordon"] = [A, O],
        ["POST /api/v1/hosts/{hostId}/drain"] = [A, O],
        ["GET /api/v1/containers"] = [A, O, R],
        ["GET /api/v1/containers/{containerId}"] = [A, O, R],
        ["DELETE /api/v1/containers/{containerId}"] = [A, O],
        ["GET /api/v1/containers/{containerId}/stats"] = [A, O, R],
        ["GET /api/v1/containers/{containerId}/logs"] = [A, O, R],
        ["GET /api/v1/containers/{containerId}/terminal"] = [A, O],
        ["GET /api/v1/sync-specs"] = [A, O, R],
        ["GET /api/v1/sync-specs/{id}"] = [A, O, R],
        ["GET /api/v1/sync-specs/{id}/status"] = [A, O, R],
        ["POST /api/v1/sync-specs/{id}/trigger"] = [A, O],
        ["POST /api/v1/keys"] = [A],
        ["GET /api/v1/keys"] = [A],
        ["GET /api/v1/keys/{id}"] = [A],
        ["DELETE /api/v1/keys/{id}"] = [A],
        ["POST /api/v1/keys/{id}/rotate"] = [A],
        ["GET /api/v1/audit"] = [A, O],
        ["GET /metrics"] = [A, O, R],
        ["GET /api/v1/stats"] = [A, O, R],
        ["GET /api/v1/events"] = [A, O, R, T],
        ["GET /api/v1/events/ws"] = [A, O, R, T],
        ["GET /api/v1/activity"] = [A, O, R, T],
    };

    [Fact]
    public async Task Every_endpoint_answers_each_role_as_the_access_table_says()
    {
        // Given a key of every role; the tenant key's scope covers the sample ids used below.
        var api = fixture.App.Client;
        var keys = new Dictionary<string, string> { [A] = fixture.AdminKey };
        foreach (var role in new[] { O, R, T })
        {
            keys[role] = (await api.CreateKeyAsync(fixture.AdminKey, role == T
                ? new { name = $"matrix {role}", role, tenants = new[] { "mx-*" } }
                : new { name = $"matrix {role}", role })).Secret;
        }

        var endpoints = Endpoints();
        Assert.Empty(endpoints.Except(Expected.Keys).Select(e => $"{e} has no line in Expected (and needs a rule in AccessRules)"));

        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var (method, pattern) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var url = SampleUrl(pattern);

            // When called without a key: 401 with a challenge.
            var (anonymous, anonymousBody) = await api.SendAsync(null, new HttpMethod(method), url);
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized || anonymous.Headers.WwwAuthenticate.Count == 0 || anonymousBody["code"]?.ToString() != "UNAUTHENTICATED")
            {
                failures.Add($"{endpoint} without a key: {(int)anonymous.StatusCode} {anonymousBody}");
            }

            foreach (var (role, key) in keys)
            {
                var (response, body) = await api.SendAsync(key, new HttpMethod(method), url);
                var allowed = Expected[endpoint].Contains(role);
                var denied = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    && body["code"]?.ToString() is "FORBIDDEN" or "UNAUTHENTICATED";
                if (allowed == denied || (!allowed && (response.StatusCode != HttpStatusCode.Forbidden || body["code"]?.ToString() != "FORBIDDEN")))
                {
                    failures.Add($"{endpoint} as {role}: expected {(allowed ? "to pass access control" : "403 FORBIDDEN")}, got {(int)response.StatusCode} {body}");
                }
            }
        }

        // Then every cell is as expected.
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public void Every_line_of_the_expected_table_is_an_endpoint_the_app_maps_or_one_being_added()
    {
        // Lines for endpoints other helpers are adding (verify) may be absent from this build.
        var missing = Expected.Keys.Except(Endpoints()).Where(e => !e.Contains("/verify", StringComparison.Ordinal));
        Assert.Empty(missing);
    }

    /// <summary>
    /// The API's endpoints. The dashboard's (pages, its Blazor hub, sign-in, static files) are left out:
    /// they carry DashboardEndpoint metadata and are guarded by the dashboard's cookie sign-in (tested in
    /// Boilerhouse.Dashboard.Tests), not by per-request keys.
    /// </summary>
    private List<string> Endpoints() =>
        fixture.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !Boilerhouse.Dashboard.DashboardServices.IsDashboardEndpoint(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalize(e.RoutePattern.RawText ?? "")}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Normalize(string pattern) => pattern.Length > 1 ? "/" + pattern.Trim('/') : pattern;

    /// <summary>Fills every route parameter with an id that names nothing but is in the tenant key's scope.</summary>
    private static string SampleUrl(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", "mx-none");
}
