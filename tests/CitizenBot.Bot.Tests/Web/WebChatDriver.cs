using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>What a resident does on the page: read the bot's bubbles, type, tap a suggested action, send a photo.</summary>
internal sealed class WebChatDriver(IPage page)
{
    private const float Timeout = 30_000;

    public IPage Page => page;

    private ILocator BotBubbles => page.Locator(".webchat__bubble:not(.webchat__bubble--from-user)");

    private ILocator SendBox => page.Locator("[data-id='webchat-sendbox-input']");

    public Task<int> BotBubbleCountAsync() => BotBubbles.CountAsync();

    /// <summary>Waits for a bot bubble containing <paramref name="text"/> and returns its whole text.</summary>
    public async Task<string> WaitForBotAsync(string text)
    {
        var bubble = BotBubbles.Filter(new() { HasText = text }).Last;
        try
        {
            await bubble.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            var last = await BotBubbles.CountAsync() > 0 ? await BotBubbles.Last.InnerTextAsync() : "(nothing)";
            throw new TimeoutException($"The bot never said \"{text}\"; its last message was:\n{last}");
        }

        return await bubble.InnerTextAsync();
    }

    /// <summary>Waits until <paramref name="count"/> bot bubbles contain <paramref name="text"/>.</summary>
    public async Task WaitForBotCountAsync(string text, int count)
    {
        var bubble = BotBubbles.Filter(new() { HasText = text }).Nth(count - 1);
        try
        {
            await bubble.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The bot said \"{text}\" fewer than {count} times.");
        }
    }

    /// <summary>Waits for a new bot bubble after <paramref name="count"/> bubbles and returns the latest one's text.</summary>
    public async Task<string> WaitForNextBotAsync(int count)
    {
        await BotBubbles.Nth(count).WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForTimeoutAsync(300); // a turn's replies arrive together; let the last one render
        return await BotBubbles.Last.InnerTextAsync();
    }

    public async Task SayAsync(string text)
    {
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
    }

    public Task TapAsync(string title) =>
        page.Locator(".webchat__suggested-actions__button").Filter(new() { HasText = title }).First.ClickAsync(new() { Timeout = Timeout });

    public async Task SendPhotoAsync(string path)
    {
        await page.Locator("input[type=file]").SetInputFilesAsync(path);
        await page.Locator(".webchat__attachment-icon--checked").WaitForAsync(new() { Timeout = Timeout });
        await page.GetByRole(AriaRole.Button, new() { Name = "发送", Exact = true }).ClickAsync();
    }

    /// <summary>Waits for a card (an Adaptive Card in a bot bubble) showing <paramref name="text"/>; returns the card.</summary>
    public async Task<ILocator> WaitForCardAsync(string text)
    {
        var card = BotBubbles.Locator(".ac-adaptiveCard").Filter(new() { HasText = text }).Last;
        try
        {
            await card.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            var last = await BotBubbles.CountAsync() > 0 ? await BotBubbles.Last.InnerTextAsync() : "(nothing)";
            throw new TimeoutException($"No card showed \"{text}\"; the last message was:\n{last}");
        }

        return card;
    }

    /// <summary>The titles of the buttons offered now (the suggested actions under the latest question).</summary>
    public Task<IReadOnlyList<string>> ButtonsAsync() => page.Locator(".webchat__suggested-actions__button").AllInnerTextsAsync();

    /// <summary>The links (href) in the conversation, not in the page's header.</summary>
    public Task<string[]> TranscriptLinksAsync() =>
        page.Locator("#webchat a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");

    public Task ShareLocationAsync() => page.GetByRole(AriaRole.Button, new() { Name = "发送我的位置" }).ClickAsync();
}
