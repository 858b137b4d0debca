using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Metrics;
using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Reasoning.Tools;
using ReasoningServer.Serving.Templates;

namespace ReasoningServer.Serving;

/// <summary>Everything the request side needs about the loaded model: its id, how to template and split, and its engine, and the instruments its runs report to.</summary>
internal sealed record ServedModel(
    string Id,
    DateTimeOffset LoadedAt,
    InferenceEngine Engine,
    ChatTemplate Template,
    ReasoningFormat? ReasoningFormat,
    ThinkingPolicy Thinking,
    ServerMetrics Metrics)
{
    public Tokenizer Tokenizer => Engine.Model.Tokenizer;

    private PromptModel? _prompting;

    /// <summary>The parts of the model the prompt is built from.</summary>
    public PromptModel Prompting => _prompting ??= PromptModel.For(Template, ReasoningFormat, Tokenizer);

    /// <summary>How the model writes tool calls.</summary>
    public ToolCallFormat ToolCalls => Prompting.ToolCalls;

    public int ContextSize => Engine.ContextSize;

    /// <summary>Whether generation starts inside a thinking section: the prompt ends with the start tag.</summary>
    public bool OpensThinking(string promptText) =>
        ReasoningFormat is { } format && promptText.AsSpan().TrimEnd().EndsWith(format.StartTag, StringComparison.Ordinal);
}
