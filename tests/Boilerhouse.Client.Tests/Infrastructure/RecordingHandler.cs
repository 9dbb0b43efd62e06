using System.Net;

namespace Boilerhouse.Client.Tests.Infrastructure;

/// <summary>
/// The client's transport, recording every answer status per path; it can lose the answers of the
/// first claim requests after the server handled them (the client sees a dropped connection).
/// </summary>
public sealed class RecordingHandler(int loseClaimAnswers = 0) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _claimsToLose = loseClaimAnswers;
    private readonly List<(HttpMethod Method, string Path, HttpStatusCode? Status)> _seen = [];

    public IReadOnlyList<(HttpMethod Method, string Path, HttpStatusCode? Status)> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public bool Saw(Func<(HttpMethod Method, string Path, HttpStatusCode? Status), bool> match) => Seen.Any(match);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException)
        {
            Record(request.Method, path, null);
            throw;
        }

        Record(request.Method, path, response.StatusCode);
        if (request.Method == HttpMethod.Post && path.EndsWith("/claim", StringComparison.Ordinal) && Interlocked.Decrement(ref _claimsToLose) >= 0)
        {
            response.Dispose();
            throw new HttpRequestException("The answer was lost on the way back (test).");
        }

        return response;
    }

    private void Record(HttpMethod method, string path, HttpStatusCode? status)
    {
        lock (_seen)
        {
            _seen.Add((method, path, status));
        }
    }
}
