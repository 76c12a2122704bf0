using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CitizenBot.Channels.DirectLine;

/// <summary>Reads a request body or part whole, giving up (null) as soon as it passes a byte limit.</summary>
internal static class BoundedBody
{
    public static async Task<byte[]?> ReadAsync(HttpRequest request, Stream body, int limit, CancellationToken cancellationToken)
    {
        if (ReferenceEquals(body, request.Body))
        {
            if (request.ContentLength > limit)
            {
                return null;
            }

            // Lets Kestrel stop a chunked body early instead of us reading it all.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        return buffer.ToArray();
    }
}
