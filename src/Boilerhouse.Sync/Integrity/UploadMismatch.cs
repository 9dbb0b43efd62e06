using Boilerhouse.Core.Errors;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The store did not get the bytes an upload's Content-MD5 describes (it said so, or confirmed other
/// ones): the upload failed. SINK_UNAVAILABLE, so a release keeps the container and retries, as for
/// any store that fails a write.
/// </summary>
public static class UploadMismatch
{
    public static BoilerhouseException For(string sink, string key, string sent, string? confirmed) =>
        new(ErrorCodes.SinkUnavailable,
            $"{sink} confirmed {key} with checksum {confirmed ?? "(none)"} but MD5 {sent} was sent: the upload failed and is retried.");

    public static BoilerhouseException Refused(string sink, string key, string sent, Exception refusal) =>
        new(ErrorCodes.SinkUnavailable,
            $"{sink} did not receive the bytes of {key} that MD5 {sent} describes ({refusal.Message}): the upload failed and is retried.", refusal);
}
