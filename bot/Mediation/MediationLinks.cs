using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using CitizenBot.Bot.Hosting;

namespace CitizenBot.Bot.Mediation;

/// <summary>Which party a personal link belongs to: the applicant (<c>a</c>) or the invited other party (<c>b</c>).</summary>
internal enum MediationParty
{
    Applicant,
    Other,
}

/// <summary>
/// Signed personal links (HMAC-SHA256 over purpose, booking, party and expiry; compared in constant time): the join link
/// (also behind the QR code and the calendar file) and the other party's invitation. Only the holder of a link gets in,
/// and only until it expires ("mediation links only work for invited parties within the session window").
/// </summary>
internal sealed class MediationLinks(byte[] key, SelfAddress self)
{
    public const string JoinPurpose = "join";
    public const string InvitePurpose = "invite";

    public string Join(string bookingId, MediationParty party, DateTimeOffset expires) => Url(bookingId, "join", JoinPurpose, party, expires);

    public string Qr(string bookingId, MediationParty party, DateTimeOffset expires) => Url(bookingId, "qr.png", JoinPurpose, party, expires);

    public string Calendar(string bookingId, MediationParty party, DateTimeOffset expires) => Url(bookingId, "calendar.ics", JoinPurpose, party, expires);

    public string Invitation(string bookingId, DateTimeOffset expires) => Url(bookingId, "invite", InvitePurpose, MediationParty.Other, expires);

    /// <returns>The party when the signature is right (whatever the expiry), else null.</returns>
    public MediationParty? Verify(string purpose, string bookingId, string? party, string? expires, string? signature)
    {
        var parsedParty = party switch { "a" => MediationParty.Applicant, "b" => MediationParty.Other, _ => (MediationParty?)null };
        if (parsedParty is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null)
        {
            return null;
        }

        byte[] given;
        try
        {
            given = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return null;
        }

        var expected = Sign(purpose, bookingId, parsedParty.Value, seconds);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? parsedParty : null;
    }

    public static bool IsExpired(string? expires, DateTimeOffset now) =>
        !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || now.ToUnixTimeSeconds() > seconds;

    private string Url(string bookingId, string page, string purpose, MediationParty party, DateTimeOffset expires)
    {
        var seconds = expires.ToUnixTimeSeconds();
        var signature = WebEncoders.Base64UrlEncode(Sign(purpose, bookingId, party, seconds));
        var path = $"mediation/{Uri.EscapeDataString(bookingId)}/{page}?p={Code(party)}&exp={seconds.ToString(CultureInfo.InvariantCulture)}&sig={signature}";
        return new Uri(self.BaseUri, path).ToString();
    }

    private byte[] Sign(string purpose, string bookingId, MediationParty party, long seconds) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{purpose}|{bookingId}|{Code(party)}|{seconds.ToString(CultureInfo.InvariantCulture)}"));

    private static string Code(MediationParty party) => party == MediationParty.Applicant ? "a" : "b";
}
