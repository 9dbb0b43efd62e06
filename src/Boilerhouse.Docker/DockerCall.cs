using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using Boilerhouse.Core.Containers;

namespace Boilerhouse.Docker;

/// <summary>
/// Runs one engine call under a deadline and turns transport failures into
/// <see cref="ContainerRuntimeUnavailableException"/> naming the endpoint (and, for a refused TLS
/// certificate, why it was refused).
/// </summary>
internal sealed class DockerCall(DockerEndpoint endpoint, ServerCertificateCheck? tls = null)
{
    public async Task RunAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken, TimeSpan? timeout = null) =>
        await RunAsync<bool>(
            operation,
            async token =>
            {
                await call(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken,
            timeout).ConfigureAwait(false);

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var limit = timeout ?? endpoint.RequestTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            // WaitAsync because Docker.DotNet's unix-socket connect ignores the token.
            return await call(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(operation, string.Create(CultureInfo.InvariantCulture, $"no answer within {limit.TotalSeconds:0.###} s"), e);
        }
        catch (Exception e) when (IsTransportFailure(e))
        {
            if (Has<AuthenticationException>(e) && tls?.LastRefusal is { } refusal)
            {
                throw new ContainerRuntimeUnavailableException(
                    $"Docker engine at {endpoint} was refused: {refusal}. TLS verification stays on: Boilerhouse never falls back to an unverified connection (while trying to {operation}).",
                    e);
            }

            throw Unavailable(operation, Describe(e), e);
        }
    }

    public ContainerRuntimeUnavailableException Unavailable(string operation, string reason, Exception? inner) =>
        new($"Docker engine at {endpoint} did not answer: {reason} (while trying to {operation}).", inner);

    private static bool IsTransportFailure(Exception e) =>
        e is HttpRequestException or SocketException or TimeoutException or IOException or AuthenticationException
        || (e is AggregateException { InnerException: { } inner } && IsTransportFailure(inner));

    private static bool Has<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            if (current is T || (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Has<T>)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (!string.IsNullOrWhiteSpace(current.Message) && !messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(": ", messages);
    }
}
