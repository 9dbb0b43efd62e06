using System.Net;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Azure.Storage;
using Azure.Storage.Blobs.Models;
using Boilerhouse.Core.Errors;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// An Azure Blob container, reached with the connection string held by the setting the spec names.
/// The container is created on first use when missing. Short timeouts and few retries, as for S3.
/// </summary>
public sealed class AzureBlobSink : ISink
{
    private const int SingleUploadLimit = 256 * 1024 * 1024;

    private readonly BlobContainerClient _container;
    private readonly SinkErrors _errors;
    private Lazy<Task> _containerReady;

    public AzureBlobSink(SinkSpec spec, Func<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        _errors = new SinkErrors(
            $"Azure Blob sink {spec.Container}",
            e => e is RequestFailedException or AggregateException,
            e => e is RequestFailedException r ? r.Status : null);
        var connection = settings(spec.ConnectionSetting);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new BoilerhouseException(ErrorCodes.SyncFailed,
                $"{_errors.Sink} needs a connection string in the setting {spec.ConnectionSetting}, which is not set.");
        }

        var options = new BlobClientOptions
        {
            Retry = { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(30), Mode = RetryMode.Exponential },
        };
        try
        {
            _container = new BlobServiceClient(connection, options).GetBlobContainerClient(spec.Container);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            // Never echo the connection string: it holds the account key.
            throw new BoilerhouseException(ErrorCodes.SyncFailed, $"The setting {spec.ConnectionSetting} does not hold a valid Azure Storage connection string.");
        }

        _containerReady = new Lazy<Task>(EnsureContainerAsync);
    }

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await _errors.CallAsync("list blobs", async () => await pages.MoveNextAsync()))
            {
                foreach (var blob in pages.Current.Values)
                {
                    yield return new SinkObject(blob.Name, blob.Properties.ContentLength ?? 0);
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        try
        {
            var response = await _container.GetBlobClient(key).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException or HttpRequestException or IOException)
        {
            throw _errors.Map($"read {key}", e);
        }
    }

    public async Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        await _errors.CallAsync($"write {key}", () => _container.GetBlobClient(key).UploadAsync(content, overwrite: true, cancellationToken));
    }

    /// <summary>Sends Content-MD5, which the service checks, and compares the hash it answers with the digest.</summary>
    public async Task UploadAsync(string key, Stream content, long length, UploadDigest digest, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        Response<BlobContentInfo> info;
        try
        {
            // The SDK sends Content-MD5 for what it transmits (the service checks it); the hash the service
            // answers must then be the MD5 taken while the file was read from the container.
            info = await _errors.CallAsync($"write {key}", () => _container.GetBlobClient(key).UploadAsync(content, new BlobUploadOptions
            {
                TransferOptions = new StorageTransferOptions { InitialTransferSize = SingleUploadLimit },
                TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
            }, cancellationToken));
        }
        catch (BoilerhouseException e) when (e.InnerException is RequestFailedException { ErrorCode: "Md5Mismatch" or "InvalidMd5" } refusal)
        {
            throw UploadMismatch.Refused(_errors.Sink, key, digest.Hex, refusal);
        }

        if (length <= SingleUploadLimit && info.Value.ContentHash is { } stored && !stored.AsSpan().SequenceEqual(digest.Md5))
        {
            throw UploadMismatch.For(_errors.Sink, key, digest.Hex, Convert.ToHexStringLower(stored));
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        foreach (var key in keys)
        {
            await _errors.CallAsync($"delete {key}", () => _container.GetBlobClient(key).DeleteIfExistsAsync(cancellationToken: cancellationToken));
        }
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        var ready = _containerReady;
        try
        {
            await ready.Value.WaitAsync(cancellationToken);
        }
        catch (BoilerhouseException)
        {
            Interlocked.CompareExchange(ref _containerReady, new Lazy<Task>(EnsureContainerAsync), ready);
            throw;
        }
    }

    private Task EnsureContainerAsync() => _errors.CallAsync($"create container {_container.Name}", () => _container.CreateIfNotExistsAsync());
}
