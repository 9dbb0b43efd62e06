using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The store confirmed an upload with a checksum other than the bytes sent: the upload failed. It is
/// SINK_UNAVAILABLE so a release keeps the container and retries, as for any store that fails a write.
/// </summary>
public static class UploadMismatch
{
    public static BoilerhouseException For(string sink, string key, string sent, string? confirmed) =>
        new(ErrorCodes.SinkUnavailable,
            $"{sink} confirmed {key} with checksum {confirmed ?? "(none)"} but MD5 {sent} was sent: the upload is treated as failed and retried.");
}
