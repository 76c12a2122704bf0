using Microsoft.Playwright;

namespace CitizenBot.Bot.Tests.Web;

/// <summary>
/// Screenshots of the web page as a person sees it, at a desktop width and on a 390×844 phone, into the test output
/// (<c>tour/</c> beside the test assembly). docs/screens/ holds a copy of the main journeys' shots (docs/journeys.md).
/// </summary>
internal static class Tour
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 860 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "tour")).FullName;

    /// <summary>Shoots <c>NAME-desktop.png</c> and <c>NAME-phone.png</c>; the page is left at the desktop width.</summary>
    public static async Task ShootAsync(IPage page, string name)
    {
        foreach (var (size, suffix) in new[] { (Desktop, "desktop"), (Phone, "phone") })
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            // Web Chat keeps the latest message in view; let it lay out and scroll at the new width.
            await page.WaitForTimeoutAsync(400);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"{name}-{suffix}.png") });
        }

        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    }

    /// <summary>True when every image in <paramref name="scope"/> has loaded (a broken one has no natural width).</summary>
    public static async Task<bool> ImagesLoadedAsync(ILocator scope)
    {
        var images = scope.Locator("img");
        var count = await images.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var image = images.Nth(i);
            await image.ScrollIntoViewIfNeededAsync();
            var loaded = await image.EvaluateAsync<bool>("img => img.decode().then(() => img.naturalWidth > 0, () => false)");
            if (!loaded)
            {
                return false;
            }
        }

        return count > 0;
    }
}
