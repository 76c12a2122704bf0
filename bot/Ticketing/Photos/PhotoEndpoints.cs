using CitizenBot.Bot.Data;
using Microsoft.EntityFrameworkCore;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>Serves stored photos to whoever holds an unexpired signed link (the center, its staff).</summary>
internal static class PhotoEndpoints
{
    public static IEndpointRouteBuilder MapPhotoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PhotoUrlSigner.RoutePrefix + "/{file}", Serve).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> Serve(
        string file, long? exp, string? sig, PhotoUrlSigner signer, PhotoFolder folder, IDbContextFactory<CitizenBotDbContext> databases, CancellationToken cancellationToken)
    {
        var variant = file.EndsWith(".thumb.jpg", StringComparison.Ordinal) ? PhotoVariant.Thumbnail : PhotoVariant.Full;
        var id = variant == PhotoVariant.Thumbnail ? file[..^".thumb.jpg".Length] : file.EndsWith(".jpg", StringComparison.Ordinal) ? file[..^4] : "";
        if (!PhotoFolder.IsPhotoId(id) || exp is null || !signer.IsValid(id, variant, exp.Value, sig))
        {
            return TypedResults.NotFound();
        }

        // Verified first; only then is the photo looked up, and its file is where its record says.
        await using var db = await databases.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var photo = await db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken).ConfigureAwait(false);
        var path = photo is null ? null : folder.PathOf(photo, variant);
        return path is not null && File.Exists(path) ? TypedResults.PhysicalFile(path, "image/jpeg") : TypedResults.NotFound();
    }
}
