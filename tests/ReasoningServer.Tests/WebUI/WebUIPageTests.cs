using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static ReasoningServer.Tests.Infrastructure.AccountingServerFixture;

namespace ReasoningServer.Tests.WebUI;

/// <summary>
/// The web UI in a real headless Chromium against the real server: loading and the key, the markdown renderer,
/// the usage dashboard drawn from the ledger, and the live server view.
/// </summary>
[Collection(WebUICollection.Name)]
public sealed class WebUIPageTests(WebUIServerFixture server)
{
    [Fact]
    public async Task The_page_loads_with_no_console_errors_asks_for_a_key_and_shows_who_the_key_is()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.Page.GotoAsync("/");

        // Keys are configured: nothing works before one is entered, and the page asked for none of /v1 without it.
        await Expect(page.TestId("key-dialog")).ToBeVisibleAsync();
        await Expect(page.TestId("key-chip")).ToContainTextAsync("Enter API key");
        await page.TestId("key-input").FillAsync("sk-not-a-key");
        await page.TestId("key-save").ClickAsync();
        await Expect(page.Page.Locator("#key-error")).ToContainTextAsync("not accepted");
        var refused = page.Errors.ToList(); // the browser reports the 401 of the wrong key, as it should
        Assert.All(refused, e => Assert.Contains("401", e));

        await page.TestId("key-input").FillAsync(AliceKey);
        await page.TestId("key-save").ClickAsync();
        await Expect(page.TestId("key-dialog")).ToBeHiddenAsync();
        await Expect(page.TestId("key-chip")).ToHaveTextAsync("alice");
        await Expect(page.TestId("model-select")).ToHaveValueAsync(WebUIServerFixture.ReasonerId);
        await Expect(page.TestId("empty-state")).ToBeVisibleAsync();
        // Only in this tab's session storage.
        Assert.Equal(AliceKey, await page.Page.EvaluateAsync<string>("() => sessionStorage.getItem('reasoningserver.apiKey')"));
        Assert.Equal(0, await page.Page.EvaluateAsync<int>("() => localStorage.length"));
        Assert.Equal(refused, page.Errors);

        // A fresh load of a new tab: no key, a clean console.
        await using var fresh = await server.Browser.OpenAsync(server.BaseAddress);
        await fresh.OpenAsync("chat", BobKey);
        await Expect(fresh.TestId("key-chip")).ToHaveTextAsync("bob");
        Assert.Empty(fresh.Errors);
    }

    [Fact]
    public async Task Markdown_renders_code_lists_tables_and_links_and_never_turns_text_into_markup()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("chat", AliceKey);
        const string Markdown = """
            ## Result
            The **sum** is `57590`, *checked* twice. <img src=x onerror="window.pwned=1"><script>window.pwned=2</script>
            - first [docs](https://example.org/a) and [bad](javascript:window.pwned=3)
            - second
              - nested
            1. one
            2. two

            | a | b |
            |---|---|
            | 1 | 2 |

            ```python
            def add(a, b):  # comment
                return a + b
            ```
            """;
        var html = JsonNode.Parse(await page.Page.EvaluateAsync<string>("""
            async (text) => {
              const { renderMarkdown } = await import('/assets/js/markdown.js');
              const root = document.createElement('div');
              root.append(renderMarkdown(text));
              document.body.append(root);
              const q = (s) => [...root.querySelectorAll(s)];
              return JSON.stringify({
                h2: q('h2').map(e => e.textContent), strong: q('strong').map(e => e.textContent), code: q('p code').map(e => e.textContent),
                items: q(':scope > ul > li').length, nested: q('ul ul li').map(e => e.textContent), ordered: q(':scope > ol > li').length,
                cells: q('td').map(e => e.textContent), links: q('a').map(e => e.href), keywords: q('pre .tok-kw').map(e => e.textContent),
                comments: q('pre .tok-com').map(e => e.textContent), injected: q('img, script').length, pwned: window.pwned ?? null,
                text: root.textContent,
              });
            }
            """, Markdown))!;

        Assert.Equal(["Result"], html["h2"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["sum"], html["strong"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["57590"], html["code"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(2, (int)html["items"]!);
        Assert.Equal(["nested"], html["nested"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(2, (int)html["ordered"]!);
        Assert.Equal(["1", "2"], html["cells"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["https://example.org/a"], html["links"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["def", "return"], html["keywords"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["# comment"], html["comments"]!.AsArray().Select(n => (string?)n));
        // The HTML in the text is shown as text: no element made, nothing run.
        Assert.Equal(0, (int)html["injected"]!);
        Assert.Null(html["pwned"]);
        Assert.Contains("<script>window.pwned=2</script>", (string)html["text"]!, StringComparison.Ordinal);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_usage_dashboard_draws_tokens_over_time_and_cost_per_model_and_key_from_the_ledger_rows()
    {
        // Requests of two keys of their own, whatever else the collection ran before, and an hour of earlier
        // traffic written through the server's own ledger store (with keys made by the keys verb's store calls).
        await AskAsync(AliceKey, "What is 2 + 3?");
        await AskAsync(BobKey, "What is 1234 + 4321?");
        var batchKey = await EarlierTraffic.SeedAsync(server.Services);

        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("usage", AdminKey);
        await Expect(page.TestId("view-usage")).ToHaveAttributeAsync("data-loaded", "true");
        var rows = await server.Ledger.ReadAllAsync();

        var drawn = await page.Page.EvaluateAsync<Dictionary<string, long>>("""
            () => {
              const sums = { prompt: 0, reasoning: 0, answer: 0, columns: 0 };
              for (const r of document.querySelectorAll('[data-testid=tokens-chart] rect[data-series]')) sums[r.dataset.series] += Number(r.dataset.value);
              sums.columns = new Set([...document.querySelectorAll('[data-testid=tokens-chart] rect[data-series]')].map(r => r.dataset.bucket)).size;
              return sums;
            }
            """);
        Assert.Equal(rows.Sum(r => (long)r.PromptTokens), drawn["prompt"]);
        Assert.Equal(rows.Sum(r => (long)r.ReasoningTokens), drawn["reasoning"]);
        Assert.Equal(rows.Sum(r => (long)r.AnswerTokens), drawn["answer"]);
        Assert.InRange(drawn["columns"], 1, rows.Count);

        var byKey = await BarsAsync(page, "cost-by-key");
        Assert.Equal(rows.Select(r => r.ApiKeyId!).Distinct().Order(), byKey.Keys.Order());
        foreach (var key in rows.GroupBy(r => r.ApiKeyId!))
        {
            Assert.Equal((double)(key.Sum(r => r.CostPicoUsd) / 1e12m), byKey[key.Key], 9);
        }

        var byModel = await BarsAsync(page, "cost-by-model");
        Assert.Equal([WebUIServerFixture.ReasonerId], byModel.Keys);
        Assert.Equal((double)(rows.Sum(r => r.CostPicoUsd) / 1e12m), byModel[WebUIServerFixture.ReasonerId], 9);
        await Expect(page.TestId("tile-requests")).ToContainTextAsync(rows.Count.ToString("N0", CultureInfo.InvariantCulture));

        // The table of keys: every configured key by name, with its role; requests per key from the ledger.
        var table = page.TestId("keys-table");
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(table.Locator($"tr[data-key='{EarlierTraffic.RevokedKeyId}']")).ToContainTextAsync("revoked");
        await Expect(table.Locator($"tr[data-key='{batchKey}']")).ToContainTextAsync("keys verb");
        foreach (var (id, name, role) in new[] { (AdminId, "ops-admin", "admin"), (AliceId, "alice", "user"), (BobId, "bob", "user"), (batchKey, "batch-jobs", "user") })
        {
            var row = table.Locator($"tr[data-key='{id}']");
            await Expect(row).ToContainTextAsync(name);
            await Expect(row.Locator(".badge").First).ToHaveTextAsync(role);
            await Expect(row.Locator("td").Nth(7)).ToHaveTextAsync(rows.Count(r => r.ApiKeyId == id).ToString(CultureInfo.InvariantCulture));
        }

        await page.Page.SetViewportSizeAsync(1440, 1260); // the whole dashboard, keys table included
        await page.ScreenshotAsync("usage.png");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_dashboard_tells_an_ordinary_key_it_needs_an_admin_key_without_a_refused_request()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("usage", BobKey);

        await Expect(page.TestId("usage-notice")).ToContainTextAsync("needs an admin key");
        await Expect(page.TestId("tokens-chart")).ToHaveCountAsync(0);
        Assert.Empty(page.Errors); // no 403 was asked for

        await page.TestId("usage-notice").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await page.TestId("key-input").FillAsync(AdminKey);
        await page.TestId("key-save").ClickAsync();
        await Expect(page.TestId("view-usage")).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(page.TestId("tokens-chart")).ToBeVisibleAsync();
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task The_live_view_shows_busy_slots_the_queue_tokens_per_second_and_the_kv_cache_while_requests_run()
    {
        await using var page = await server.Browser.OpenAsync(server.BaseAddress);
        await page.OpenAsync("server", AdminKey);
        // The tiny reasoner finishes 800 tokens in seconds: read the status often enough to see it busy.
        await page.TestId("poll-interval").SelectOptionAsync("500");
        await Expect(page.TestId("status-slots-value")).ToHaveTextAsync($"0 / {WebUIServerFixture.Slots}");
        await Expect(page.TestId("status-kv")).ToContainTextAsync($"of {WebUIServerFixture.ContextSize:N0} cells");

        // One more stream than there are slots: four decode and one waits, until the test hangs up on all of them.
        using var http = server.HttpAs(AliceKey);
        using var hangUp = new CancellationTokenSource();
        var streams = Enumerable.Range(0, WebUIServerFixture.Slots + 1).Select(i => StartLongStreamAsync(http, i, hangUp.Token)).ToList();
        try
        {
            await Expect(page.TestId("status-slots-value")).ToHaveTextAsync($"{WebUIServerFixture.Slots} / {WebUIServerFixture.Slots}", new() { Timeout = 30_000 });
            await Expect(page.TestId("status-queue-value")).ToHaveTextAsync("1");
            await page.Page.WaitForFunctionAsync("() => parseFloat(document.querySelector('[data-testid=status-rate-value]').textContent) > 0");
            await page.Page.WaitForFunctionAsync("() => parseFloat(document.querySelector('[data-testid=status-kv-value]').textContent) > 0");
            await Expect(page.Page.Locator("[data-testid=status-slots] .slot-row i.busy")).ToHaveCountAsync(WebUIServerFixture.Slots);
            // A few more readings for the chart before the picture (the streams may have finished by then).
            var polls = int.Parse((await page.TestId("view-server").GetAttributeAsync("data-polls"))!, CultureInfo.InvariantCulture);
            await page.Page.WaitForFunctionAsync("n => Number(document.querySelector('[data-testid=view-server]').dataset.polls) >= n", polls + 4);
            await page.ScreenshotAsync("server.png");
        }
        finally
        {
            await hangUp.CancelAsync(); // the server cancels each stream when its connection closes
        }

        var started = new List<string>();
        foreach (var stream in streams)
        {
            try
            {
                using var response = await stream;
                started.Add(response.Headers.GetValues("x-request-id").Single());
            }
            catch (OperationCanceledException)
            {
                // the queued one, if its headers had not come yet
            }
        }

        await Expect(page.TestId("status-slots-value")).ToHaveTextAsync($"0 / {WebUIServerFixture.Slots}", new() { Timeout = 30_000 });
        await Expect(page.TestId("status-queue-value")).ToHaveTextAsync("0");
        Assert.InRange(started.Count, WebUIServerFixture.Slots, WebUIServerFixture.Slots + 1);
        foreach (var id in started)
        {
            // Billed either way: cut by the hang-up, or (on a fast machine) finished at its limit first.
            Assert.Contains((await server.Ledger.WaitForAsync(id)).Outcome, new[] { "cancelled", "completed" });
        }

        Assert.Empty(page.Errors);
    }

    private async Task AskAsync(string key, string question)
    {
        using var http = server.HttpAs(key);
        var (status, _, _) = await HttpJson.PostAsync(http, "/v1/chat/completions", new JsonObject
        {
            ["model"] = WebUIServerFixture.ReasonerId, ["temperature"] = 0,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
        });
        Assert.Equal(200, status);
    }

    /// <summary>A stream that thinks until its limit (the end tokens biased away), up to its response headers.</summary>
    private static async Task<HttpResponseMessage> StartLongStreamAsync(HttpClient http, int index, CancellationToken hangUp)
    {
        var body = $$$"""
            {"model":"{{{WebUIServerFixture.ReasonerId}}}","stream":true,"max_completion_tokens":800,"seed":{{{index}}},
             "logit_bias":{"{{{ByteLevelBpeVocabulary.ThinkEndId}}}":-100,"{{{ByteLevelBpeVocabulary.ImEndId}}}":-100},
             "messages":[{"role":"user","content":"What is {{{index}}}1234 + 4321?"}]}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, hangUp);
        Assert.Equal(200, (int)response.StatusCode);
        // Hanging up later must close this response's connection too, not only a pending send.
        hangUp.Register(response.Dispose);
        return response;
    }

    private static Task<Dictionary<string, double>> BarsAsync(BrowserPage page, string testId) =>
        page.Page.EvaluateAsync<Dictionary<string, double>>(
            "(id) => Object.fromEntries([...document.querySelectorAll(`[data-testid=${id}] .hbar`)].map(b => [b.dataset.key, Number(b.dataset.value)]))", testId);
}
