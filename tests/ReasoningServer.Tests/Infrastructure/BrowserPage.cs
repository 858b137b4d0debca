using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>One page of the web UI in its own browser context, with everything the page reported going wrong.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    /// <summary>Where screenshots go: <c>REASONINGSERVER_WEBUI_SCREENSHOTS</c> (the README's docs/webui), else a temporary folder.</summary>
    public static readonly string ScreenshotFolder = Environment.GetEnvironmentVariable("REASONINGSERVER_WEBUI_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder)
        : Path.Combine(Path.GetTempPath(), "reasoningserver-webui-screenshots");

    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _errors.Enqueue($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Enqueue($"page error: {error}");
        page.RequestFailed += (_, request) =>
        {
            // A fetch the page aborted itself (the Stop button) is not a failure.
            if (request.Failure is not "net::ERR_ABORTED")
            {
                _errors.Enqueue($"request failed: {request.Method} {request.Url} {request.Failure}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors and warnings, uncaught exceptions and failed requests, in order.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    internal static async Task<BrowserPage> CreateAsync(IBrowserContext context) => new(context, await context.NewPageAsync());

    public ILocator TestId(string id) => Page.GetByTestId(id);

    /// <summary>Opens the UI at a view and, when a key is given, enters it in the page's key dialog as a user would.</summary>
    public async Task OpenAsync(string view, string? key)
    {
        await Page.GotoAsync($"/#{view}");
        if (key is not null)
        {
            await Assertions.Expect(TestId("key-dialog")).ToBeVisibleAsync();
            await TestId("key-input").FillAsync(key);
            await TestId("key-save").ClickAsync();
            await Assertions.Expect(TestId("key-dialog")).ToBeHiddenAsync();
        }
    }

    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), Animations = ScreenshotAnimations.Disabled });
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
