using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Hosts;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Sync;
using Boilerhouse.Orchestration.Workloads;
using Boilerhouse.Sync.Integrity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Boilerhouse.Functions.Apis;

/// <summary>RFC 9457 problem details carrying a stable <c>code</c>; the HTTP status follows from the code.</summary>
public static class Problems
{
    public static int StatusFor(string code) => code switch
    {
        ErrorCodes.InvalidId or ErrorCodes.InvalidRequest or ErrorCodes.InvalidConfig or ErrorCodes.InvalidSecrets
            or ErrorCodes.InvalidWorkloadSpec or ErrorCodes.PathRefused => StatusCodes.Status400BadRequest,
        ErrorCodes.PoolNotFound or ErrorCodes.TenantNotFound or ErrorCodes.OrchestrationNotFound
            or ErrorCodes.ContainerNotFound or HostErrorCodes.HostNotFound or SyncErrorCodes.SyncSpecNotFound
            or AccessErrorCodes.KeyNotFound or Routing.RoutingErrorCodes.RouteNotFound or ErrorCodes.ContainerPathNotFound
            or WorkloadErrorCodes.WorkloadNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.TenantAlreadyClaimed or ErrorCodes.TenantBusy or OrchestrationErrorCodes.OrchestrationRunning
            or OrchestrationErrorCodes.InstanceIdConflict or OrchestrationErrorCodes.Terminated
            or OrchestrationErrorCodes.ClaimInterrupted or ErrorCodes.SyncNotConfigured
            or WorkloadErrorCodes.WorkloadExists or WorkloadErrorCodes.WorkloadInUse
            or WorkloadErrorCodes.PoolExists or WorkloadErrorCodes.PoolInUse or WorkloadErrorCodes.LastPool => StatusCodes.Status409Conflict,
        WorkloadErrorCodes.PreconditionFailed => StatusCodes.Status412PreconditionFailed,
        ErrorCodes.ManualSyncNotAllowed or AccessErrorCodes.Forbidden => StatusCodes.Status403Forbidden,
        AccessErrorCodes.Unauthenticated => StatusCodes.Status401Unauthorized,
        AccessErrorCodes.RateLimited or AccessErrorCodes.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.SyncFailed or IntegrityErrorCodes.StateIntegrity or Routing.RoutingErrorCodes.UpstreamUnavailable => StatusCodes.Status502BadGateway,
        OrchestrationErrorCodes.OrchestrationFinished => StatusCodes.Status410Gone,
        ErrorCodes.PoolExhausted or ErrorCodes.DockerUnavailable or ErrorCodes.ContainerFailed
            or ErrorCodes.ContainerUnhealthy or HostErrorCodes.ResourceLimitExceeded
            or ErrorCodes.SinkUnavailable or HostErrorCodes.RuntimeUnavailable or ErrorCodes.DatabaseUnavailable
            or ErrorCodes.ClusterUnavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Seconds a client should wait before retrying, for the codes that are worth a retry.</summary>
    public static int? RetryAfterFor(string code) => code switch
    {
        ErrorCodes.PoolExhausted or HostErrorCodes.ResourceLimitExceeded or ErrorCodes.DatabaseUnavailable => 5,
        ErrorCodes.DockerUnavailable or ErrorCodes.ContainerFailed or ErrorCodes.ContainerUnhealthy or ErrorCodes.SinkUnavailable => 10,
        ErrorCodes.TenantBusy or ErrorCodes.ClusterUnavailable => 1,
        HostErrorCodes.RuntimeUnavailable => 30,
        _ => null,
    };

    public static ProblemHttpResult For(HttpContext http, string code, string message, IDictionary<string, object?>? extensions = null)
    {
        if (RetryAfterFor(code) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }

        return TypedResults.Problem(
            detail: message,
            statusCode: StatusFor(code),
            title: Title(code),
            type: $"urn:boilerhouse:error:{code}",
            instance: http.Request.Path,
            extensions: all);
    }

    public static ProblemHttpResult For(HttpContext http, BoilerhouseException ex) => For(http, ex.Code, ex.Message);

    private static string Title(string code) =>
        string.Join(' ', code.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
}
