using Boilerhouse.Core.Errors;
using Boilerhouse.Orchestration.Orchestrations;
using Boilerhouse.Orchestration.Persistence;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Turns exceptions that escape an endpoint into problem details: coded errors keep their code
/// (DOCKER_UNAVAILABLE becomes 503 with Retry-After); a body over the server's limit is 413
/// PAYLOAD_TOO_LARGE; a database that cannot be reached is 503 DATABASE_UNAVAILABLE with Retry-After;
/// a grain call lost with a dead silo is 503 CLUSTER_UNAVAILABLE with Retry-After;
/// anything else is a 500 without internals.
/// </summary>
public sealed class ErrorHandling(RequestDelegate next, ILogger<ErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        try
        {
            await next(http);
        }
        catch (Exception ex) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            var coded = Unwrap(ex);
            if (coded is null && DatabaseUnavailable.Is(ex))
            {
                // The exception's message, never the connection string (it may hold a password).
                logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, ex.GetBaseException().Message);
                coded = new BoilerhouseException(ErrorCodes.DatabaseUnavailable, "The database cannot be reached right now; retry after the Retry-After header.");
            }
            else if (coded is null && SiloLoss.Is(ex))
            {
                logger.LogWarning("A silo stopped answering on {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, ex.GetBaseException().Message);
                coded = new BoilerhouseException(ErrorCodes.ClusterUnavailable, "A silo of the cluster stopped answering; its work moves to the others within seconds: retry after the Retry-After header.");
            }
            else if (coded is null)
            {
                logger.LogError(ex, "Unhandled error on {Method} {Path}", http.Request.Method, http.Request.Path);
            }

            var result = coded is null
                ? Problems.For(http, ErrorCodes.Internal, "An unexpected error occurred; see the server log.")
                : Problems.For(http, coded);
            await result.ExecuteAsync(http);
        }
    }

    private static BoilerhouseException? Unwrap(Exception ex) => ex switch
    {
        BoilerhouseException be => be,
        // The server's own body limit (a body read without RequestBody's cap) is the caller's mistake, not ours.
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new(ErrorCodes.PayloadTooLarge, ex.Message),
        AggregateException { InnerException: { } inner } => Unwrap(inner),
        _ when ex.InnerException is { } inner => Unwrap(inner),
        _ => null,
    };
}
