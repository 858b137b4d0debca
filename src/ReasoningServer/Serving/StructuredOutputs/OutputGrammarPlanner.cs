using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Errors;
using ReasoningServer.Reasoning.Tools;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving.StructuredOutputs;

/// <summary>
/// The grammar a chat request's answer must follow, from its <c>response_format</c> and tools: a schema, forced tool
/// calls (<c>required</c>, a named function), a schema or calls, or calls that switch on when the model starts one
/// (<c>auto</c> with strict tools or one call at most). The thinking before the answer is never constrained.
/// </summary>
internal static class OutputGrammarPlanner
{
    /// <returns>Null when the answer is free.</returns>
    public static GrammarConstraint? Plan(OutputFormat format, ToolPlan? tools, ServedModel model, bool thinkingOpenedByPrompt, bool thinkingClosedByPrompt)
    {
        var grammar = new GbnfGrammarBuilder();
        var calls = tools is null ? null : model.ToolCalls;
        string? root = null;
        var lazy = false;

        if (tools is { Mode: ToolChoiceMode.Required or ToolChoiceMode.Named })
        {
            var forced = tools.Mode == ToolChoiceMode.Named ? tools.Tools.Where(t => t.Name == tools.Forced).ToList() : tools.Tools;
            root = ToolCallGrammar.AddCalls(grammar, calls!, forced, several: tools.Mode == ToolChoiceMode.Required && tools.Parallel);
        }
        else if (format.Kind != OutputFormatKind.Text)
        {
            var answer = AddFormat(grammar, format);
            root = tools is null ? answer : $"{answer} | {ToolCallGrammar.AddCalls(grammar, calls!, tools.Tools, tools.Parallel)}";
        }
        else if (tools is not null && (tools.Tools.Any(t => t.Strict) || !tools.Parallel) && calls!.Triggers.Any(t => t.Kind == ToolCallTriggerKind.Token))
        {
            // Free text until the model writes the call marker (one token in this vocabulary), then the calls.
            root = ToolCallGrammar.AddCalls(grammar, calls, tools.Tools, tools.Parallel);
            lazy = true;
        }
        else if (tools is not null && (tools.Tools.Any(t => t.Strict) || !tools.Parallel) && calls!.CallsOnlyAtAnswerStart)
        {
            // Calls only open the answer (Llama 3.x JSON): either the calls, or text that does not start a JSON object.
            var section = ToolCallGrammar.AddCalls(grammar, calls, tools.Tools, tools.Parallel);
            root = $"[ \\t\\n\\r]* ({section} | [^{{ \\t\\n\\r] .*)";
        }

        if (root is null)
        {
            return null;
        }

        var forcing = model.Thinking.Forcing;
        var gate = forcing is null || thinkingClosedByPrompt ? GrammarGate.Immediate
            : thinkingOpenedByPrompt ? GrammarGate.AfterSection(forcing.End)
            : GrammarGate.AfterOptionalSection(forcing.Start, forcing.End);
        var triggers = lazy
            ? calls!.Triggers.Where(t => t.Kind == ToolCallTriggerKind.Token).Select(t => model.Tokenizer.FindSingleToken(t.Value)).OfType<Native.LlamaToken>().ToArray()
            : [];
        return new GrammarConstraint(grammar.Build(root)) { Gate = gate, TriggerTokens = triggers };
    }

    private static string AddFormat(GbnfGrammarBuilder grammar, OutputFormat format)
    {
        if (format.Kind == OutputFormatKind.JsonObject || format.Schema is null)
        {
            return grammar.AddAnyJsonObject();
        }

        try
        {
            return grammar.AddJsonSchema(format.Schema.Value, "answer-");
        }
        catch (UnsupportedSchemaException e)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'response_format.json_schema.schema': this server cannot enforce it: {e.Message}",
                "response_format.json_schema.schema", "unsupported_schema");
        }
    }

    
}
