namespace CitizenBot.Bot.Mediation;

/// <summary>How the other party is reached: a name and a mobile number or a WeChat id.</summary>
internal sealed record PartyAddress(string Name, string? Phone, string? WeChatId);

/// <summary>
/// Sends the invitation and reminders to the other party, who may never have talked to the bot: an SMS provider or a
/// WeChat template message. Register one to replace the embedded default.
/// </summary>
internal interface IPartyMessenger
{
    /// <returns><c>false</c> when nothing was sent; then the applicant is given the invitation link to forward.</returns>
    Task<bool> SendAsync(PartyAddress to, string text, CancellationToken cancellationToken);
}

/// <summary>The embedded default: no SMS or WeChat sender configured, so nothing is sent and the applicant forwards the link.</summary>
internal sealed class UnconfiguredPartyMessenger : IPartyMessenger
{
    public Task<bool> SendAsync(PartyAddress to, string text, CancellationToken cancellationToken) => Task.FromResult(false);
}
