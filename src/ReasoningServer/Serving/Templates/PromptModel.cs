using ReasoningServer.Engine.Text;
using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>What turning a conversation into a prompt needs of the served model: its template, thinking delimiters,
/// vocabulary, and how it writes tool calls.</summary>
/// <param name="ReadsToolCalls">False for a template that instructs the model in a tool-call markup this server does not read
/// (Qwen3-Coder's XML, GLM's, Mistral's): tools are refused rather than returned as unparsed text.</param>
internal sealed record PromptModel(ChatTemplate Template, ReasoningFormat? ReasoningFormat, Tokenizer Tokenizer, ToolCallFormat ToolCalls, bool ReadsToolCalls = true)
{
    /// <summary>The prompt side of a model; its tool-call format read off the template (Hermes, the server's own tool
    /// prompt, when the template shows none).</summary>
    public static PromptModel For(ChatTemplate template, ReasoningFormat? format, Tokenizer tokenizer)
    {
        bool IsSingleToken(string text) => tokenizer.FindSingleToken(text) is not null;
        var detected = ToolCallFormatDetector.Detect(template.IsFallback ? null : template.Source, IsSingleToken);
        var model = new PromptModel(template, format, tokenizer, detected ?? ToolCallFormat.Hermes(IsSingleToken));
        return model with { ReadsToolCalls = detected is not null || !model.ShowsTools };
    }

    /// <summary>Whether the model's own template shows the tool list to the model (a parsed template that uses <c>tools</c>).</summary>
    public bool ShowsTools => !Template.IsFallback && Template.Mentions("tools");
}
