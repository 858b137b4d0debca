using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>
/// A GBNF grammar that the sampled tokens of one sequence must follow (structured outputs, forced tool calls).
/// Each choice gets its own llama.cpp grammar sampler, since the grammar's state is per sequence.
/// </summary>
/// <param name="Gbnf">The grammar text (llama.cpp's GBNF).</param>
public sealed record GrammarConstraint(string Gbnf)
{
    /// <summary>The start symbol.</summary>
    public string Root { get; init; } = "root";

    /// <summary>When the grammar starts to apply: after a reasoning model's thinking, or at once.</summary>
    public GrammarGate Gate { get; init; } = GrammarGate.Immediate;

    /// <summary>
    /// Lazy grammar: once past the gate, it still constrains nothing until one of these tokens is generated
    /// (the token is fed to the grammar), e.g. a tool-call start marker in <c>tool_choice: auto</c>.
    /// </summary>
    public IReadOnlyList<LlamaToken> TriggerTokens { get; init; } = [];

    /// <summary>Lazy grammar: regexes matched on the whole text generated past the gate; the grammar gets the text from
    /// the first capture group on.</summary>
    public IReadOnlyList<string> TriggerPatterns { get; init; } = [];

    public bool IsLazy => TriggerTokens.Count > 0 || TriggerPatterns.Count > 0;
}
