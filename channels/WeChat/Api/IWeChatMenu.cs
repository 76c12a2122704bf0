namespace CitizenBot.Channels.WeChat.Api;

/// <summary>The Official Account's custom menu, for the operator command that replaces it.</summary>
public interface IWeChatMenu
{
    /// <summary>Replaces the account's custom menu with the <c>{"button":[…]}</c> document of a menu file.</summary>
    Task CreateMenuAsync(string menuJsonPath, CancellationToken cancellationToken);
}
