using ReasoningServer.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReasoningServer.Tests.WebUI;

/// <summary>On a server without keys the page asks for none, and every view works (everyone is an admin there).</summary>
[Collection(ServerCollection.Name)]
public sealed class WebUIOpenServerTests(ServerFixture server)
{
    [Fact]
    public async Task Without_keys_the_page_asks_for_none_and_chat_usage_and_server_views_work()
    {
        await using var browser = await ChromiumBrowser.LaunchAsync();
        await using var page = await browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", key: null);

        await Expect(page.TestId("key-chip")).ToHaveTextAsync("Open server (no key needed)");
        await Expect(page.TestId("key-dialog")).ToBeHiddenAsync();
        await Expect(page.TestId("model-select")).ToHaveValueAsync(ServerFixture.ModelId);
        await page.TestId("max-tokens-input").FillAsync("24");
        await page.TestId("prompt-input").FillAsync("Hello");
        await page.TestId("send").ClickAsync();
        await Expect(page.TestId("assistant-message").Last).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.TestId("assistant-message").Last.GetByTestId("usage-cost")).ToHaveTextAsync("$0"); // no prices configured

        await page.Page.GotoAsync("/#usage");
        await Expect(page.TestId("view-usage")).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(page.Page.Locator("[data-testid=tokens-chart] rect[data-series]").First).ToBeVisibleAsync();
        await page.Page.GotoAsync("/#server");
        await Expect(page.TestId("status-slots-value")).ToHaveTextAsync("0 / 1");
        Assert.Empty(page.Errors);
    }
}
