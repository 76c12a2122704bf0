using System.Text.RegularExpressions;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>Where stored photos live: <c>{data}/photos/{id}.jpg</c> and <c>{id}.thumb.jpg</c>.</summary>
internal sealed partial class PhotoFolder(string root)
{
    public string Root { get; } = root;

    public string PathOf(string photoId, PhotoVariant variant) =>
        Path.Combine(Root, variant == PhotoVariant.Thumbnail ? $"{photoId}.thumb.jpg" : $"{photoId}.jpg");

    /// <summary>Only ids this store could have produced (32 hex digits) ever become a path.</summary>
    public static bool IsPhotoId(string value) => PhotoIdPattern().IsMatch(value);

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhotoIdPattern();
}

internal enum PhotoVariant
{
    Full,
    Thumbnail,
}
