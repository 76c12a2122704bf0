using System.Runtime.CompilerServices;

namespace CitizenBot.Bot.Tests.Hosting;

/// <summary>Where the node clients of the channel tests live, so the bot's own tests can drive the same clients.</summary>
internal static class NodeScript
{
    /// <summary>The DirectLineJS 0.15.5 client folder of the channel tests.</summary>
    public static string DirectLineJsFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "CitizenBot.Channels.Tests", "DirectLineJs"));
}
