using System.Text.RegularExpressions;
using CitizenBot.Bot.Data;

namespace CitizenBot.Bot.Ticketing.Photos;

/// <summary>
/// Where stored photos live (<c>{data}/photos/</c>). A photo's files are named when it is taken in and their paths kept
/// on its record (<see cref="TicketPhotoRecord.FilePath"/>); readers find them by the record, never by a name rule.
/// </summary>
internal sealed partial class PhotoFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The files a new photo is written to, relative to the folder.</summary>
    public static (string Full, string Thumbnail) NewFiles(string photoId) => ($"{photoId}.jpg", $"{photoId}.thumb.jpg");

    /// <summary>Where a stored photo's image or thumbnail is, from its record; null when its path would leave the folder.</summary>
    public string? PathOf(TicketPhotoRecord photo, PhotoVariant variant)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return Resolve(variant == PhotoVariant.Thumbnail ? photo.ThumbnailPath : photo.FilePath);
    }

    /// <summary>A path relative to the folder as an absolute one; null when empty or outside the folder.</summary>
    public string? Resolve(string relativePath)
    {
        if (string.IsNullOrEmpty(relativePath))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(Root, relativePath));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? path : null;
    }

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
