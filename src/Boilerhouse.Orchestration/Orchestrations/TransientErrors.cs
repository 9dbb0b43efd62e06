using Boilerhouse.Core.Containers;
using Boilerhouse.Core.Errors;
using Polly.Timeout;

namespace Boilerhouse.Orchestration.Orchestrations;

/// <summary>Failures worth another attempt: an engine or sink that did not answer, a timeout, a broken connection, a silo that died mid-call.</summary>
public static class TransientErrors
{
    private static readonly HashSet<string> RetryableCodes = [ErrorCodes.DockerUnavailable, ErrorCodes.SinkUnavailable];

    public static bool IsTransient(Exception? ex) => ex switch
    {
        null => false,
        ContainerRuntimeUnavailableException => true,
        BoilerhouseException be => RetryableCodes.Contains(be.Code),
        TimeoutRejectedException or HttpRequestException or IOException or TimeoutException => true,
        _ when SiloLoss.Is(ex) => true,
        _ => false,
    };
}
