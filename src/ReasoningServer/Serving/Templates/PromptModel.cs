using ReasoningServer.Engine.Text;
using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>What turning a conversation into a prompt needs of the served model: its template, thinking delimiters,
/// vocabulary, and how it writes tool calls.</summary>
internal sealed record PromptModel(ChatTemplate Template, ReasoningFormat? ReasoningFormat, Tokenizer Tokenizer, ToolCallFormat ToolCalls)
{
    /// <summary>The prompt side of a model; its tool-call format read off the template (Hermes, the server's own tool
    /// prompt, when the template shows none).</summary>
    public static PromptModel For(ChatTemplate template, ReasoningFormat? format, Tokenizer tokenizer)
    {
        bool IsSingleToken(string text) => tokenizer.FindSingleToken(text) is not null;
        var calls = ToolCallFormatDetector.Detect(template.IsFallback ? null : template.Source, IsSingleToken) ?? ToolCallFormat.Hermes(IsSingleToken);
        return new PromptModel(template, format, tokenizer, calls);
    }
}
