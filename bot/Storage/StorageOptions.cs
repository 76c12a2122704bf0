using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Bot.Storage;

/// <summary>Where the embedded default keeps its data. Bound from the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite database, keys and uploaded photos. <value>Default <c>data</c>, relative to the working directory.</value></summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The data directory as an absolute path, created if missing.</summary>
    public string ResolveDataDirectory()
    {
        var path = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(path);
        return path;
    }
}
