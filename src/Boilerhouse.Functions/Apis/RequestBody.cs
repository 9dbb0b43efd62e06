using Boilerhouse.Core.Errors;

namespace Boilerhouse.Functions.Apis;

/// <summary>
/// Reads a request body up to a limit counted on the stream itself: a chunked body has no
/// Content-Length, so checking the header alone would let it through to the server's 30 MB default.
/// </summary>
public static class RequestBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes, what);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            // Stop at the first byte past the limit: the rest of the body is never read.
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes, what);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static BoilerhouseException TooLarge(int maxBytes, string what) =>
        new(ErrorCodes.PayloadTooLarge, $"The {what} body is larger than {maxBytes} bytes; send at most {maxBytes} bytes.");
}
