using System.Security.Cryptography;

namespace Boilerhouse.Sync.Integrity;

/// <summary>
/// The MD5 of an object being uploaded (computed while it was read, not in a second pass), sent as
/// Content-MD5 so the store checks the bytes it received, and compared with what the store answers.
/// </summary>
public sealed record UploadDigest(byte[] Md5)
{
    public string Base64 => Convert.ToBase64String(Md5);

    public string Hex => Convert.ToHexStringLower(Md5);

    public static UploadDigest Of(ReadOnlySpan<byte> data) => new(MD5.HashData(data));

    /// <summary>True when an S3 ETag (quoted hex MD5 for a single-part upload) names these bytes.</summary>
    public bool MatchesETag(string? etag) => etag is not null && etag.Trim('"').Equals(Hex, StringComparison.OrdinalIgnoreCase);
}
