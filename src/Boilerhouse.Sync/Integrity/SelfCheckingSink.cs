using Boilerhouse.Core.Errors;
using Boilerhouse.Sync.Sinks;
using Microsoft.Extensions.Logging;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// A sink that runs a canary (<see cref="SinkCanary"/>) before its first use, and on demand for the
/// health check. aws-chunked framing coming back turns chunked uploads off for an S3 sink whose spec
/// left chunked_encoding unwritten (logged once); any other alteration makes the sink unhealthy:
/// every use then fails SINK_UNAVAILABLE (a release keeps the container and retries) until a canary
/// comes back intact.
/// </summary>
public sealed class SelfCheckingSink(ISink inner, string name, TimeProvider time, ILogger logger) : ISink, IDisposable
{
    private readonly SemaphoreSlim _checking = new(1, 1);
    private SinkHealth? _health;
    private string? _adjusted;

    public string Name => name;

    /// <summary>The last canary's answer, or null before the first.</summary>
    public SinkHealth? Health => _health;

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await EnsureCheckedAsync(cancellationToken);
        await foreach (var o in inner.ListAsync(prefix, cancellationToken))
        {
            yield return o;
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        await EnsureCheckedAsync(cancellationToken);
        return await inner.OpenReadAsync(key, cancellationToken);
    }

    public async Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken)
    {
        await EnsureCheckedAsync(cancellationToken);
        await inner.UploadAsync(key, content, length, cancellationToken);
    }

    public async Task UploadAsync(string key, Stream content, long length, UploadDigest digest, CancellationToken cancellationToken)
    {
        await EnsureCheckedAsync(cancellationToken);
        await inner.UploadAsync(key, content, length, digest, cancellationToken);
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await EnsureCheckedAsync(cancellationToken);
        await inner.DeleteAsync(keys, cancellationToken);
    }

    /// <summary>Runs the canary now (the health check); an unreachable sink is "unavailable", not an exception.</summary>
    public async Task<SinkHealth> CheckAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            return await CheckLockedAsync(cancellationToken);
        }
        catch (BoilerhouseException e) when (e.Code == ErrorCodes.SinkUnavailable)
        {
            return new SinkHealth(name, "unavailable", e.Message, time.GetUtcNow());
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose()
    {
        (inner as IDisposable)?.Dispose();
        _checking.Dispose();
    }

    private async Task EnsureCheckedAsync(CancellationToken cancellationToken)
    {
        if (_health is not { Status: "healthy" })
        {
            await _checking.WaitAsync(cancellationToken);
            try
            {
                if (_health is not { Status: "healthy" })
                {
                    await CheckLockedAsync(cancellationToken);
                }
            }
            finally
            {
                _checking.Release();
            }
        }

        if (_health is { Status: "unhealthy" } unhealthy)
        {
            throw new BoilerhouseException(ErrorCodes.SinkUnavailable, $"{name} is unhealthy: {unhealthy.Message}");
        }
    }

    private async Task<SinkHealth> CheckLockedAsync(CancellationToken cancellationToken)
    {
        var result = await SinkCanary.RunAsync(inner, cancellationToken);
        if (result.Outcome == CanaryOutcome.ChunkFramed && inner is S3Sink s3 && s3.TryTurnOffChunkedEncoding())
        {
            logger.LogWarning(
                "Sink {Sink} stores aws-chunked upload framing as object content ({Detail}); chunked encoding is now off for it. Write chunked_encoding: false in the workload's sink to say so.",
                name, result.Detail);
            _adjusted = "chunked encoding was turned off: the store kept aws-chunked upload framing as object content";
            result = await SinkCanary.RunAsync(inner, cancellationToken);
        }

        var health = result.Outcome == CanaryOutcome.Intact
            ? new SinkHealth(name, "healthy", _adjusted, time.GetUtcNow())
            : new SinkHealth(name, "unhealthy", $"bytes written to the sink come back altered: {result.Detail}", time.GetUtcNow());
        if (health.Status == "unhealthy" && _health?.Status != "unhealthy")
        {
            logger.LogError("Sink {Sink} is unhealthy: {Message}", name, health.Message);
        }

        _health = health;
        return health;
    }
}
