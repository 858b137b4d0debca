using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.WebUI;

/// <summary>
/// The chat view in headless Chromium against the real server and its tiny reasoner: streaming with the thinking
/// live, the collapsible thinking section, usage from the ledger, multi-turn, Stop, and test-time votes.
/// </summary>
[Collection(WebUICollection.Name)]
public sealed class WebUIChatTests(WebUIServerFixture server)
{
    private const string Question = "What is 48213 + 9377?";
    private const string Sum = "57590";

    [Fact]
    public async Task A_chat_streams_its_thinking_shows_the_ledgers_usage_and_the_thinking_section_collapses_and_expands()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", AliceKey);
        await page.TestId("temperature-input").FillAsync("0");
        await WatchThinkingUpdatesAsync(page);

        var (request, response) = await SendAsync(page, Question);
        var reply = page.TestId("assistant-message").Last;
        await Expect(reply).ToHaveAttributeAsync("data-state", "done");

        // What the page asked for: a stream with the thinking as reasoning_content and the usage chunk.
        var sent = JsonNode.Parse(request.PostData!)!;
        Assert.True((bool)sent["stream"]!);
        Assert.Equal("reasoning_content", (string?)sent["reasoning_format"]);
        Assert.True((bool)sent["stream_options"]!["include_usage"]!);
        Assert.Equal("medium", (string?)sent["reasoning_effort"]);
        Assert.Equal(WebUIServerFixture.ReasonerId, (string?)sent["model"]);

        await Expect(reply.GetByTestId("answer")).ToHaveTextAsync(Sum);
        // The thinking arrived in pieces and was shown as it came, not at the end.
        var updates = await page.Page.EvaluateAsync<int[]>("() => window.thinkingLengths");
        Assert.True(updates.Distinct().Count() >= 2, $"thinking shown at {updates.Length} lengths only");
        Assert.Equal(updates, updates.Order());

        // The usage line is the ledger's record of this very request, and the cost is the price table's.
        var row = await server.Ledger.WaitForAsync(response.Headers["x-request-id"]);
        Assert.Equal(("completed", AliceId), (row.Outcome, row.ApiKeyId));
        Assert.Equal(row.PromptTokens, await ValueAsync(reply, "usage-prompt"));
        Assert.Equal(row.CachedTokens, await ValueAsync(reply, "usage-cached"));
        Assert.Equal(row.ReasoningTokens, await ValueAsync(reply, "usage-reasoning"));
        Assert.Equal(row.AnswerTokens, await ValueAsync(reply, "usage-answer"));
        var cost = decimal.Parse((await reply.GetByTestId("usage-cost").GetAttributeAsync("data-value"))!, NumberStyles.Float, CultureInfo.InvariantCulture);
        Assert.Equal(row.CostPicoUsd / 1e12m, Math.Round(cost, 12));
        Assert.True(row.ReasoningTokens > 50, $"the tiny reasoner thinks about a five-digit sum ({row.ReasoningTokens} tokens)");

        // Collapsed once the answer came, titled with the reasoning tokens and the seconds; a click opens and closes it.
        var thinking = reply.GetByTestId("thinking");
        await Expect(thinking.GetByTestId("thinking-summary")).ToHaveTextAsync(new Regex($"^Thought for {row.ReasoningTokens} tokens / \\d+(\\.\\d)? seconds$"));
        await Expect(thinking).Not.ToHaveAttributeAsync("open", "");
        await Expect(thinking.GetByTestId("thinking-text")).ToBeHiddenAsync();
        await thinking.Locator("summary").ClickAsync();
        await Expect(thinking).ToHaveAttributeAsync("open", "");
        await Expect(thinking.GetByTestId("thinking-text")).ToBeVisibleAsync();
        // Exactly the reasoning the server produces for this request.
        Assert.Equal(await ReasoningContentAsync(Question), await thinking.GetByTestId("thinking-text").TextContentAsync());
        await thinking.Locator("summary").ClickAsync();
        await Expect(thinking).Not.ToHaveAttributeAsync("open", "");

        // A second turn carries the first answer back, without its reasoning.
        var (second, _) = await SendAsync(page, "What is 517 + 2486?");
        await Expect(page.TestId("assistant-message").Last).ToHaveAttributeAsync("data-state", "done");
        await Expect(page.TestId("assistant-message").Last.GetByTestId("answer")).ToHaveTextAsync("3003");
        var messages = JsonNode.Parse(second.PostData!)!["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal(Sum, (string?)messages[1]!["content"]);
        Assert.Null(messages[1]!["reasoning_content"]);
        await Expect(page.TestId("assistant-message")).ToHaveCountAsync(2);

        await page.TestId("assistant-message").Last.GetByTestId("thinking").Locator("summary").ClickAsync();
        await page.ScreenshotAsync("chat.png");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Stop_cancels_the_request_on_the_server_and_the_ledger_records_it_as_cancelled()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", AliceKey);
        // The tiny reasoner closes its thinking after ~115 tokens: with </think> and the end of turn biased away it
        // thinks until its limit, far longer than the test needs to press Stop.
        await page.TestId("extra-json-input").FillAsync(
            $$$"""{"logit_bias": {"{{{ByteLevelBpeVocabulary.ThinkEndId}}}": -100, "{{{ByteLevelBpeVocabulary.ImEndId}}}": -100}}""");
        await page.TestId("max-tokens-input").FillAsync("3900");

        var (_, response) = await SendAsync(page, Question);
        var reply = page.TestId("assistant-message").Last;
        var thinking = reply.GetByTestId("thinking");
        await Expect(thinking).ToBeVisibleAsync();
        // Live: open while thinking, with a running clock, its text growing as tokens arrive.
        await Expect(thinking).ToHaveAttributeAsync("open", "");
        await Expect(thinking.GetByTestId("thinking-summary")).ToHaveTextAsync(new Regex("^Thinking…"));
        var shown = (await thinking.GetByTestId("thinking-text").TextContentAsync())!.Length;
        await page.Page.WaitForFunctionAsync("n => document.querySelector('[data-testid=thinking-text]').textContent.length > n", shown);
        await Expect(page.TestId("stop")).ToBeVisibleAsync();
        await page.TestId("stop").ClickAsync();

        await Expect(reply).ToHaveAttributeAsync("data-state", "stopped");
        await Expect(reply.GetByTestId("stopped-badge")).ToBeVisibleAsync();
        await Expect(page.TestId("send")).ToBeVisibleAsync();
        var row = await server.Ledger.WaitForAsync(response.Headers["x-request-id"]);
        Assert.Equal(("cancelled", AliceId), (row.Outcome, row.ApiKeyId));
        Assert.InRange(row.CompletionTokens, 1, 3899);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Test_time_compute_sends_the_samples_and_strategy_and_shows_the_servers_votes()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", AliceKey);
        await page.TestId("test-time-toggle").CheckAsync();
        await page.TestId("samples-input").FillAsync("6");
        await page.TestId("early-stop-toggle").UncheckAsync();
        await page.TestId("temperature-input").FillAsync("1.8");
        await page.TestId("seed-input").FillAsync("11");

        var (request, response) = await SendAsync(page, "What is 4821 + 377?");
        var reply = page.TestId("assistant-message").Last;
        await Expect(reply).ToHaveAttributeAsync("data-state", "done");

        var sent = JsonNode.Parse(request.PostData!)!["test_time"]!;
        Assert.Equal(("self_consistency", 6, false), ((string?)sent["strategy"], (int)sent["samples"]!, (bool)sent["early_stop"]!));
        // The votes drawn are the report the server streamed.
        var report = TestTimeReport(await response.TextAsync());
        var votes = report["votes"]!.AsObject().ToDictionary(v => v.Key, v => (int)v.Value!);
        var rows = reply.GetByTestId("votes").Locator(".vote");
        await Expect(rows).ToHaveCountAsync(votes.Count);
        var drawn = new Dictionary<string, int>();
        foreach (var vote in await rows.AllAsync())
        {
            drawn[(await vote.GetAttributeAsync("data-answer"))!] = int.Parse((await vote.GetAttributeAsync("data-votes"))!, CultureInfo.InvariantCulture);
        }

        Assert.Equal(votes, drawn);
        Assert.Equal(6, votes.Values.Sum());
        await Expect(rows.And(page.Page.Locator(".winner"))).ToHaveAttributeAsync("data-answer", (string)report["winner"]!);
        await Expect(reply.GetByTestId("votes")).ToContainTextAsync("6 of 6 samples run");
        await page.ScreenshotAsync("chat-test-time.png");
        Assert.Empty(page.Errors);
    }

    /// <summary>Records the length of the shown thinking at every change of the page, from before the request.</summary>
    private static Task WatchThinkingUpdatesAsync(BrowserPage page) => page.Page.EvaluateAsync("""
        () => {
          window.thinkingLengths = [];
          new MutationObserver(() => {
            const text = document.querySelector('[data-testid=thinking-text]')?.textContent ?? '';
            if (text.length && text.length !== window.thinkingLengths.at(-1)) window.thinkingLengths.push(text.length);
          }).observe(document.querySelector('[data-testid=messages]'), { subtree: true, childList: true, characterData: true });
        }
        """);

    /// <summary>Types a question and presses Enter; returns the chat request the page sent and its response (at its headers).</summary>
    private static async Task<(IRequest Request, IResponse Response)> SendAsync(BrowserPage page, string text)
    {
        await page.TestId("prompt-input").FillAsync(text);
        var response = await page.Page.RunAndWaitForResponseAsync(() => page.TestId("prompt-input").PressAsync("Enter"),
            r => r.Url.EndsWith("/v1/chat/completions", StringComparison.Ordinal));
        Assert.Equal(200, response.Status);
        return (response.Request, response);
    }

    private static async Task<int> ValueAsync(ILocator reply, string testId) =>
        int.Parse((await reply.GetByTestId(testId).GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);

    /// <summary>The server's reasoning for the question as the page asked it, through the plain JSON API.</summary>
    private async Task<string> ReasoningContentAsync(string question)
    {
        using var http = server.HttpAs(BobKey);
        var (status, body, _) = await HttpJson.PostAsync(http, "/v1/chat/completions", new JsonObject
        {
            ["model"] = WebUIServerFixture.ReasonerId, ["temperature"] = 0, ["reasoning_effort"] = "medium", ["reasoning_format"] = "reasoning_content",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        });
        Assert.Equal(200, status);
        return (string)body!["choices"]![0]!["message"]!["reasoning_content"]!;
    }

    private static JsonNode TestTimeReport(string sse) =>
        sse.Split('\n').Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
            .Select(l => JsonNode.Parse(l["data: ".Length..])!)
            .Single(chunk => chunk["test_time"] is not null)["test_time"]!;
}
