using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace CitizenBot.Bot.Mediation;

/// <summary>Where the parties meet. Another provider (a court platform, a commercial service) replaces the Jitsi default.</summary>
internal interface IVideoRoomProvider
{
    /// <summary>A new room name nobody can guess.</summary>
    string NewRoomName();

    Uri RoomUrl(string roomName);
}

/// <summary>A Jitsi-Meet-compatible server at <c>Mediation:VideoBaseUrl</c>: a room exists once someone opens its URL.</summary>
internal sealed class JitsiRoomProvider(IOptions<MediationOptions> options) : IVideoRoomProvider
{
    public string NewRoomName() => "tiaojie-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Uri RoomUrl(string roomName) => new(options.Value.VideoBaseUrl.TrimEnd('/') + "/" + Uri.EscapeDataString(roomName));
}
