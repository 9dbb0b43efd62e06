using System.Net.Http.Headers;

namespace Boilerhouse.Client.Http;

/// <summary>
/// Sends one logical request: a fresh message per attempt, the key, a per-attempt timeout, and
/// retries on retriable answers (honouring Retry-After) and, for repeatable requests, on dropped
/// connections and timeouts. Answers that are not successes become <see cref="BoilerhouseRequestException"/>.
/// </summary>
internal sealed class RequestSender(HttpClient http, BoilerhouseKeyCredential? credential, BoilerhouseClientOptions options)
{
    /// <param name="build">Builds the message of an attempt; its argument counts the earlier answers that reported a failed orchestration instance.</param>
    /// <param name="repeatable">Safe to send again when an attempt's fate is unknown (the connection dropped).</param>
    /// <param name="cancellationToken">Ends the attempts and the waits between them.</param>
    /// <param name="streaming">Returns once the headers arrived and applies no timeout to the body.</param>
    public async Task<HttpResponseMessage> SendAsync(Func<int, HttpRequestMessage> build, bool repeatable, CancellationToken cancellationToken, bool streaming = false)
    {
        var failedInstances = 0;
        for (var attempt = 0; ; attempt++)
        {
            HttpResponseMessage response;
            using (var request = build(failedInstances))
            {
                if (credential is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential.Key);
                }

                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                if (!streaming)
                {
                    timeout.CancelAfter(options.NetworkTimeout);
                }

                try
                {
                    response = await http.SendAsync(request, streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, timeout.Token);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpRequestException or OperationCanceledException)
                {
                    if (!repeatable || attempt >= options.MaxRetries)
                    {
                        throw new BoilerhouseRequestException(0, "UNREACHABLE",
                            $"{request.Method} {request.RequestUri} got no answer after {attempt + 1} attempt(s): {e.Message}", innerException: e);
                    }

                    await Task.Delay(RetryRules.Delay(options, attempt, null), cancellationToken);
                    continue;
                }
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            Problem problem;
            using (response)
            {
                problem = await Problem.ReadAsync(response, cancellationToken);
            }

            if (attempt >= options.MaxRetries || !RetryRules.IsRetriable(problem))
            {
                throw problem.ToException();
            }

            // A failed instance holds nothing, but its id stays failed: the next attempt needs a new one.
            if (problem.InstanceId is not null)
            {
                failedInstances++;
            }

            await Task.Delay(RetryRules.Delay(options, attempt, problem.RetryAfter), cancellationToken);
        }
    }
}
