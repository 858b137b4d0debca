using System.Net;
using Microsoft.Playwright;
using ReasoningServer.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.WebUI;

/// <summary>The web UI in a real headless Chromium against the real server: loading, the key, the three views.</summary>
public sealed class WebUIPageTests(WebUIServerFixture server) : IClassFixture<WebUIServerFixture>
{
    [Fact]
    public async Task The_page_loads_with_no_console_errors_asks_for_a_key_and_shows_who_the_key_is()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", AliceKey);

        await Expect(page.TestId("key-chip")).ToContainTextAsync("alice");
        await Expect(page.TestId("model-select")).ToHaveValueAsync(WebUIServerFixture.ReasonerId);
        await Expect(page.TestId("empty-state")).ToBeVisibleAsync();
        await page.ScreenshotAsync("empty.png");
        Assert.Empty(page.Errors);
    }
}
