using CitizenBot.Channels.Activities;

namespace CitizenBot.Channels.DirectLine;

/// <summary>What the bot's photo intake may read of Web Chat uploads: the stored file of an attachment, and its position.</summary>
public static class DirectLineUploads
{
    /// <summary>The path and type of a file stored for this conversation under the upload folder, or null for any other name.</summary>
    public static (string Path, ImageSignature Kind)? Find(string uploadDirectory, string conversationId, string fileName) =>
        DirectLineUploadFolder.Find(uploadDirectory, conversationId, fileName);

    /// <summary>The position the page read from the photo before it was sent, if any.</summary>
    public static GeoCoordinates? ReadGps(Attachment attachment) => UploadContent.ReadGps(attachment);
}
