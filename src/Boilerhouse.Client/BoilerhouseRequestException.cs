using System.Net;

namespace Boilerhouse.Client;

/// <summary>
/// The one exception the client throws for a request that did not succeed: an RFC 9457 problem
/// answer (with its stable <see cref="Code"/>), an orchestration that failed, or a server that could
/// not be reached after every retry (<see cref="Status"/> 0).
/// </summary>
public sealed class BoilerhouseRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BoilerhouseRequestException(int status, string code, string message, TimeSpan? retryAfter = null,
        string? instanceId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
        InstanceId = instanceId;
    }

    /// <summary>The HTTP status (e.g. 404, 503); 0 when no answer came.</summary>
    public int Status { get; }

    /// <summary>The problem's stable code (e.g. <c>POOL_EXHAUSTED</c>); <c>UNREACHABLE</c> when no answer came, <c>HTTP_nnn</c> for an answer without a problem body.</summary>
    public string Code { get; }

    /// <summary>How long the server asked to wait before trying again, when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The orchestration instance that failed, when the failure was an instance's.</summary>
    public string? InstanceId { get; }

    /// <summary>The status as an <see cref="HttpStatusCode"/>.</summary>
    public HttpStatusCode StatusCode => (HttpStatusCode)Status;
}
