using System.Text.Json;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Errors;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving.Tools;

/// <summary>
/// GBNF rules for tool calls in a model family's own markup (<see cref="ToolCallFormat"/>): each function's name
/// and its arguments' schema, one call or several. A strict function's schema must be expressible (else a 400
/// naming the keyword); a non-strict one falls back to any JSON object, since its schema is only advice.
/// </summary>
internal static class ToolCallGrammar
{
    /// <summary>Adds the rules for calls to <paramref name="functions"/> and returns the rule of the whole call section.</summary>
    /// <param name="several">Several calls (parallel tool calls); false: exactly one.</param>
    public static string AddCalls(GbnfGrammarBuilder grammar, ToolCallFormat format, IReadOnlyList<ToolSpec> functions, bool several)
    {
        var alternatives = functions.Select(f => AddCall(grammar, format, f)).ToList();
        var call = grammar.AddRule("tool-call", string.Join(" | ", alternatives));
        var body = several && format.ParallelCalls
            ? $"{call} ({GbnfGrammarBuilder.Literal(format.CallSeparator)} {call})*"
            : call;
        return grammar.AddRule("tool-calls", $"{Literal(format.SectionStart)} {body} {Literal(format.SectionEnd)}");
    }

    private static string AddCall(GbnfGrammarBuilder grammar, ToolCallFormat format, ToolSpec tool)
    {
        var prefix = $"fn-{tool.Name}-";
        string arguments;
        try
        {
            arguments = tool.Parameters is { } schema ? grammar.AddJsonSchema(schema, prefix) : grammar.AddJsonSchema(EmptyObject, prefix);
        }
        catch (UnsupportedSchemaException) when (!tool.Strict)
        {
            arguments = grammar.AddAnyJsonObject(); // advice we cannot express: any object, as an unconstrained model would write
        }
        catch (UnsupportedSchemaException e)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'tools[{tool.Index}].function.parameters': this server cannot enforce the strict schema: {e.Message}",
                $"tools[{tool.Index}].function.parameters", "unsupported_schema");
        }

        var name = format.NameIsJsonString ? JsonSerializer.Serialize(tool.Name)[1..^1] : tool.Name;
        return grammar.AddRule($"{prefix}call",
            $"{Literal(format.CallStart)} {GbnfGrammarBuilder.Literal(name)} {Literal(format.NameEnd)} {arguments} {Literal(format.CallEnd)}");
    }

    private static string Literal(string text) => text.Length == 0 ? "\"\"" : GbnfGrammarBuilder.Literal(text);

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;
}
