using System.Net;
using System.Runtime.CompilerServices;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;
using Boilerhouse.Core.Workloads;
using Boilerhouse.Sync.Integrity;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// An S3 bucket (AWS or an S3-compatible server at spec.Endpoint, path-style). Objects over
/// <see cref="MultipartThreshold"/> go up in parts, several at once. The bucket is created on first
/// use when missing. Short timeouts and few retries: a dead endpoint fails fast, the caller retries.
/// </summary>
public sealed class S3Sink : ISink, IDisposable
{
    public const long MultipartThreshold = 16 * 1024 * 1024;
    private const int PartSize = 8 * 1024 * 1024;
    private const int PartsAtOnce = 4;

    private readonly Client _client;
    private readonly Config _config;
    private readonly bool _chunkedEncodingWritten;
    private readonly string _bucket;
    private readonly SinkErrors _errors;
    private Lazy<Task> _bucketReady;

    public S3Sink(SinkSpec spec, Func<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(settings);
        _bucket = spec.Bucket!;
        _errors = new SinkErrors(
            spec.Endpoint is null ? $"S3 sink s3://{_bucket}" : $"S3 sink s3://{_bucket} at {spec.Endpoint}",
            e => e is AmazonServiceException or AmazonClientException,
            e => e is AmazonServiceException s ? (int)s.StatusCode : null);
        _chunkedEncodingWritten = spec.ChunkedEncoding is not null;
        var config = _config = new Config
        {
            ChunkedEncoding = spec.ChunkedEncoding ?? true,
            MaxErrorRetry = 2,
            Timeout = TimeSpan.FromSeconds(60),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (spec.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = spec.Region ?? "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(spec.Region ?? "us-east-1");
        }

        var (accessKey, secretKey) = (settings(SinkSpec.S3AccessKeySetting), settings(SinkSpec.S3SecretKeySetting));
        _client = accessKey is { Length: > 0 } && secretKey is { Length: > 0 }
            ? new Client(new BasicAWSCredentials(accessKey, secretKey), config)
            : new Client(config);
        _bucketReady = new Lazy<Task>(EnsureBucketAsync);
    }

    public async IAsyncEnumerable<SinkObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        string? token = null;
        do
        {
            var page = await _errors.CallAsync("list objects", () => _client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, ContinuationToken = token }, cancellationToken));
            foreach (var o in page.S3Objects ?? [])
            {
                yield return new SinkObject(o.Key, o.Size ?? 0);
            }

            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw _errors.Map($"read {key}", e);
        }
    }

    /// <summary>Whether uploads are sent aws-chunked (streaming SigV4) now.</summary>
    public bool ChunkedEncoding => _config.ChunkedEncoding;

    public Task UploadAsync(string key, Stream content, long length, CancellationToken cancellationToken) =>
        PutAsync(key, content, length, null, cancellationToken);

    /// <summary>Sends Content-MD5 (per part when in parts), and for a single part also checks the ETag the store answers.</summary>
    public Task UploadAsync(string key, Stream content, long length, UploadDigest digest, CancellationToken cancellationToken) =>
        PutAsync(key, content, length, digest, cancellationToken);

    /// <summary>
    /// Turns aws-chunked uploads off for this sink, unless the spec wrote chunked_encoding (an explicit
    /// setting wins); false when it was not changed.
    /// </summary>
    public bool TryTurnOffChunkedEncoding()
    {
        if (_chunkedEncodingWritten || !_config.ChunkedEncoding)
        {
            return false;
        }

        _config.ChunkedEncoding = false;
        return true;
    }

    private async Task PutAsync(string key, Stream content, long length, UploadDigest? digest, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        if (length > MultipartThreshold)
        {
            await UploadInPartsAsync(key, content, digest is not null, cancellationToken);
            return;
        }

        var response = await CheckedAsync(key, digest, () => _errors.CallAsync($"write {key}", () => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = content,
            AutoCloseStream = false,
            MD5Digest = digest?.Base64,
            Headers = { ContentLength = length },
        }, cancellationToken)));
        if (digest is not null && !digest.MatchesETag(response.ETag))
        {
            throw UploadMismatch.For(_errors.Sink, key, digest.Hex, response.ETag);
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await ReadyAsync(cancellationToken);
        foreach (var key in keys)
        {
            await _errors.CallAsync($"delete {key}", () => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, cancellationToken));
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task UploadInPartsAsync(string key, Stream content, bool withDigest, CancellationToken cancellationToken)
    {
        var upload = await _errors.CallAsync($"start a multipart upload of {key}", () => _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key }, cancellationToken));
        try
        {
            var parts = new List<Task<PartETag>>();
            using var gate = new SemaphoreSlim(PartsAtOnce);
            for (var number = 1; ; number++)
            {
                var buffer = new byte[PartSize];
                var filled = await content.ReadAtLeastAsync(buffer, PartSize, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }

                await gate.WaitAsync(cancellationToken);
                parts.Add(UploadPartAsync(key, upload.UploadId, number, buffer, filled, withDigest, gate, cancellationToken));
                if (filled < PartSize)
                {
                    break;
                }
            }

            var etags = await Task.WhenAll(parts);
            await _errors.CallAsync($"complete the multipart upload of {key}", () => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = [.. etags],
            }, cancellationToken));
        }
        catch
        {
            try
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = upload.UploadId }, CancellationToken.None);
            }
            catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException)
            {
                // The upload is abandoned either way; the store expires it.
            }

            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(
        string key, string uploadId, int number, byte[] buffer, int length, bool withDigest, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            var digest = withDigest ? UploadDigest.Of(buffer.AsSpan(0, length)) : null;
            var response = await CheckedAsync($"part {number} of {key}", digest, () => _errors.CallAsync($"write part {number} of {key}", () => _client.UploadPartAsync(new UploadPartRequest
            {
                BucketName = _bucket, Key = key, UploadId = uploadId, PartNumber = number,
                InputStream = new MemoryStream(buffer, 0, length, writable: false), PartSize = length, MD5Digest = digest?.Base64,
            }, cancellationToken)));
            if (digest is not null && !digest.MatchesETag(response.ETag))
            {
                throw UploadMismatch.For(_errors.Sink, $"part {number} of {key}", digest.Hex, response.ETag);
            }

            return new PartETag(number, response.ETag);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A store that refuses the Content-MD5 (BadDigest) did not get the bytes: a failed upload, retried.</summary>
    private async Task<T> CheckedAsync<T>(string key, UploadDigest? digest, Func<Task<T>> upload)
    {
        try
        {
            return await upload();
        }
        catch (Core.Errors.BoilerhouseException e) when (digest is not null && e.InnerException is AmazonS3Exception { ErrorCode: "BadDigest" or "InvalidDigest" } refusal)
        {
            throw UploadMismatch.Refused(_errors.Sink, key, digest.Hex, refusal);
        }
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _bucketReady.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Try again next time rather than remember a failure (the store may have been down).
            var failed = _bucketReady;
            if (failed.IsValueCreated && failed.Value.IsFaulted)
            {
                Interlocked.CompareExchange(ref _bucketReady, new Lazy<Task>(EnsureBucketAsync), failed);
            }

            throw;
        }
    }

    private async Task EnsureBucketAsync()
    {
        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket });
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists" || e.StatusCode == HttpStatusCode.Conflict)
        {
        }
        catch (Exception e)
        {
            throw _errors.Map($"create bucket {_bucket}", e);
        }
    }

    private sealed class Config : AmazonS3Config
    {
        // Read on every upload (not only when the client is built), so the canary can turn it off.
        public bool ChunkedEncoding { get; set; } = true;
    }

    /// <summary>The S3 client, with chunked uploads turned off when the store needs it.</summary>
    private sealed class Client : AmazonS3Client
    {
        public Client(Config config) : base(config)
        {
        }

        public Client(AWSCredentials credentials, Config config) : base(credentials, config)
        {
        }

        // Called from the base constructor: the flag is read from the config, which is set by then.
        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            var config = (Config)Config;
            pipeline.AddHandlerBefore<Marshaller>(new UnchunkedUploads(() => !config.ChunkedEncoding));
        }
    }
}
