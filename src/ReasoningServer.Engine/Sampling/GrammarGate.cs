using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>
/// When a grammar starts to constrain a sequence. A free section delimited by two tokens — a reasoning model's
/// thinking — is never constrained, so a model thinks freely and only its answer follows the grammar (as vLLM
/// does with reasoning parsers). Gates look at the tokens that enter the sequence, forced ones included, so a
/// section closed by budget forcing opens the grammar exactly like one the model closed itself.
/// </summary>
public sealed record GrammarGate
{
    private GrammarGate()
    {
    }

    /// <summary>Constrained from the first generated token.</summary>
    public static GrammarGate Immediate { get; } = new();

    /// <summary>The free section starts when <see cref="Start"/> is the first token; null: no optional opening.</summary>
    public LlamaToken? Start { get; private init; }

    /// <summary>The token that closes the free section; null for <see cref="Immediate"/>.</summary>
    public LlamaToken? End { get; private init; }

    /// <summary>The prompt already opened the free section (the template ended it with the start tag).</summary>
    public bool StartsInside { get; private init; }

    /// <summary>The sequence starts inside the free section; the grammar applies once <paramref name="end"/> has entered.</summary>
    public static GrammarGate AfterSection(LlamaToken end) => new() { End = end, StartsInside = true };

    /// <summary>A first token <paramref name="start"/> opens the free section (until <paramref name="end"/>); any other
    /// first token is already constrained.</summary>
    public static GrammarGate AfterOptionalSection(LlamaToken start, LlamaToken end) => new() { Start = start, End = end };
}
