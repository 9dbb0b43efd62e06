using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3.Model;

namespace Boilerhouse.Sync.Sinks;

/// <summary>
/// Turns off aws-chunked (streaming SigV4) bodies for object and part uploads. Some S3-compatible
/// servers (s3rver) store the chunk framing as the object and answer OK: every object would come
/// back corrupted. Runs before the Marshaller, because the flag is read while marshalling.
/// </summary>
internal sealed class UnchunkedUploads(Func<bool> active) : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Unchunk(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Unchunk(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private void Unchunk(IExecutionContext context)
    {
        if (!active())
        {
            return;
        }

        switch (context.RequestContext.OriginalRequest)
        {
            case PutObjectRequest put:
                put.UseChunkEncoding = false;
                break;
            case UploadPartRequest part:
                part.UseChunkEncoding = false;
                break;
        }
    }
}
