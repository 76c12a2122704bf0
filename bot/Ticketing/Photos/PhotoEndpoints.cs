namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>Serves stored photos to whoever holds an unexpired signed link (the center, its staff).</summary>
internal static class PhotoEndpoints
{
    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PhotoUrlSigner.RoutePrefix + "/{file}", Serve).ExcludeFromDescription();
        return endpoints;
    }

    private static IResult Serve(string file, long? exp, string? sig, PhotoUrlSigner signer, PhotoFolder folder)
    {
        var variant = file.EndsWith(".thumb.jpg", StringComparison.Ordinal) ? PhotoVariant.Thumbnail : PhotoVariant.Full;
        var id = variant == PhotoVariant.Thumbnail ? file[..^".thumb.jpg".Length] : file.EndsWith(".jpg", StringComparison.Ordinal) ? file[..^4] : "";
        if (!PhotoFolder.IsPhotoId(id) || exp is null || !signer.IsValid(id, variant, exp.Value, sig))
        {
            return TypedResults.NotFound();
        }

        var path = folder.PathOf(id, variant);
        return File.Exists(path) ? TypedResults.PhysicalFile(path, "image/jpeg") : TypedResults.NotFound();
    }
}
