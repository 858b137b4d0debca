using Microsoft.Playwright;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by .ci/run), headless, driven by Playwright over the
/// DevTools protocol. Playwright's own browser download cannot run here, and is not needed: it drives the installed
/// one. Each page gets a new browser context, so session storage (where the UI keeps the key) starts empty.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking switches Chromium keeps dialling Google's hosts, which this closed network refuses.
    private static readonly string[] Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (.ci/run does).");
        }

        // Waits are for states (an answer done, a slot busy), not for speed: give a shared, busy CI machine time.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        // Playwright gives the browser a new, empty --user-data-dir of its own.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath, Headless = true, Args = Switches, Timeout = 60_000,
        });
        return new ChromiumBrowser(playwright, browser);
    }

    /// <summary>A fresh context and page on the server, recording console errors, page errors and failed requests.</summary>
    public async Task<BrowserPage> OpenAsync(Uri baseAddress)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            ColorScheme = ColorScheme.Light,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return await BrowserPage.CreateAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
