namespace CitizenBot.Channels.WeChat.Xml;

/// <summary>One news article: WeChat shows the title, the description, the picture, and opens the link on a tap.</summary>
internal sealed record WeChatArticle(string Title, string Description, string Url, string? PicUrl);
