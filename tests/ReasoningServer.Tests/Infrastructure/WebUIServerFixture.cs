using System.Globalization;
using ReasoningServer.Engine.TinyModels;

namespace ReasoningServer.Tests.Infrastructure;

/// <summary>
/// The server the web UI tests open in a browser: the shipped tiny reasoner (it really thinks, so a chat shows a
/// chain of thought and a right sum), API keys with names, prices, a SQLite ledger of its own, four slots — and one
/// headless Chromium for the whole class.
/// </summary>
public sealed class WebUIServerFixture : SqliteAccountingFixture
{
    public const string ReasonerId = TinyReasonerModel.Id;
    public const int Slots = 4;
    public const int ContextSize = TinyReasonerModel.DeclaredContextLength;

    public ChromiumBrowser Browser { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> MoreSettings
    {
        get
        {
            var model = TinyReasonerModel.Find(AppContext.BaseDirectory)
                ?? throw new InvalidOperationException($"The build has no {TinyReasonerModel.Folder}/{TinyReasonerModel.FileName} next to the tests.");
            string Price(decimal value) => value.ToString(CultureInfo.InvariantCulture);
            return new Dictionary<string, string?>
            {
                ["Model:Path"] = model,
                ["Model:Id"] = ReasonerId,
                ["Model:ContextSize"] = ContextSize.ToString(CultureInfo.InvariantCulture),
                ["Model:Parallel"] = Slots.ToString(CultureInfo.InvariantCulture),
                [$"Pricing:Models:{ReasonerId}:Input"] = Price(InputPrice),
                [$"Pricing:Models:{ReasonerId}:CachedInput"] = Price(CachedInputPrice),
                [$"Pricing:Models:{ReasonerId}:Output"] = Price(OutputPrice),
                [$"Pricing:Models:{ReasonerId}:ReasoningOutput"] = Price(ReasoningPrice),
                // Names as an operator would give them; the ids stay the fixture's.
                ["Auth:Keys:0:Name"] = "ops-admin",
                ["Auth:Keys:1:Name"] = "alice",
                ["Auth:Keys:2:Name"] = "bob",
            };
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Browser = await ChromiumBrowser.LaunchAsync();
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
