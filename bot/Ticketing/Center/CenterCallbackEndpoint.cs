using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Ticketing.Center;

/// <summary><c>POST /center/callbacks</c>: signature and timestamp checked before the body is parsed.</summary>
internal static class CenterCallbackEndpoint
{
    public const string Route = "/center/callbacks";
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCenterCallbacks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Route, HandleAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpRequest request,
        CenterEndpointResolver endpoint,
        CenterCallbackProcessor processor,
        IOptions<CenterOptions> options,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (buffer.Length > MaxBodyBytes)
        {
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = buffer.ToArray();
        if (!CenterSignature.Verify(endpoint.Secret, request.Headers[CenterSignature.TimestampHeader], request.Headers[CenterSignature.SignatureHeader],
                body, time.GetUtcNow(), options.Value.SignatureWindow))
        {
            return TypedResults.Unauthorized();
        }

        CenterCallback? callback;
        try
        {
            callback = JsonSerializer.Deserialize(body, CenterJson.Default.CenterCallback);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest();
        }

        if (callback is null)
        {
            return TypedResults.BadRequest();
        }

        return await processor.ApplyAsync(callback, cancellationToken).ConfigureAwait(false) switch
        {
            CallbackOutcome.Applied => TypedResults.Ok(),
            CallbackOutcome.Duplicate => TypedResults.Ok(),
            CallbackOutcome.UnknownTicket => TypedResults.NotFound(),
            _ => TypedResults.BadRequest(),
        };
    }
}
