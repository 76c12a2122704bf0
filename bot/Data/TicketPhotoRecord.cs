namespace CitizenBot.Bot.Data;

/// <summary>A stored, metadata-free photo. <see cref="TicketId"/> is set once a submitted ticket claims it.</summary>
internal sealed class TicketPhotoRecord
{
    public required string Id { get; set; }
    public string? TicketId { get; set; }

    /// <summary>Set when a supplement brought it to an existing ticket; such photos go to the center with the supplement.</summary>
    public string? SupplementId { get; set; }

    /// <summary>Who uploaded it: only the same user may attach it to a ticket.</summary>
    public required string ChannelId { get; set; }

    /// <inheritdoc cref="ChannelId"/>
    public required string UserId { get; set; }

    /// <summary>
    /// The stored, re-encoded image, relative to the photo folder (<c>{data}/photos/</c>): written when the photo is taken
    /// in, and how every reader finds it. Rows from before it was kept were given the name the folder used then.
    /// </summary>
    public required string FilePath { get; set; }

    /// <summary>Its thumbnail, relative to the photo folder, like <see cref="FilePath"/>.</summary>
    public required string ThumbnailPath { get; set; }

    public required string Sha256 { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Bytes { get; set; }
    public double? GpsLatitude { get; set; }
    public double? GpsLongitude { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
