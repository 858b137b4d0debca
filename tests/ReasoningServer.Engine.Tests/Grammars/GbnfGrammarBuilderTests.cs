using System.Text.Json;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Tests.Infrastructure;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>Rule naming, literal escaping and grammar assembly, checked as text and through llama.cpp.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class GbnfGrammarBuilderTests(TinyModelFixture fixture)
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nbreak\r\ttab", "\"line\\nbreak\\r\\ttab\"")]
    [InlineData("\u0001\u001f\u007f", "\"\\x01\\x1F\\x7F\"")]
    [InlineData("Bogotá ☃ 😀", "\"Bogotá ☃ 😀\"")]
    public void Literal_escapes_what_GBNF_needs_and_keeps_the_rest(string text, string expected)
    {
        Assert.Equal(expected, GbnfGrammarBuilder.Literal(text));
    }

    [Fact]
    public void A_lone_surrogate_cannot_be_UTF_8_and_becomes_the_replacement_character()
    {
        Assert.Equal("\"a\ufffdb\"", GbnfGrammarBuilder.Literal("a\ud800b"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("say \"hi\" \\ now")]
    [InlineData("tabs\tand\nlines\r")]
    [InlineData("Bogotá ☃ 😀 日本")]
    [InlineData("<tool_call>\n{\"name\": ")]
    public void Llama_cpp_matches_a_literal_exactly(string text)
    {
        var builder = new GbnfGrammarBuilder();
        using var grammar = new LlamaGrammar(fixture, builder.Build(GbnfGrammarBuilder.Literal(text)));
        Assert.True(grammar.Matches(text));
        Assert.False(grammar.Matches(text + "x"));
        Assert.False(grammar.Matches(text[..^1]));
    }

    [Fact]
    public void Rules_are_named_validly_deduplicated_and_uniquified()
    {
        var builder = new GbnfGrammarBuilder();
        Assert.Equal("get-weather-args", builder.AddRule("get_weather.args", "\"a\""));
        Assert.Equal("get-weather-args", builder.AddRule("get_weather.args", "\"a\""));
        Assert.Equal("get-weather-args-2", builder.AddRule("get_weather.args", "\"b\""));
        Assert.Equal("root-2", builder.AddRule("root", "\"c\""));
        Assert.Equal("-", builder.AddRule("___", "\"d\""));
        Assert.Equal("rule", builder.AddRule("", "\"e\""));
        Assert.Equal(5, builder.RuleCount);
    }

    [Fact]
    public void Build_puts_root_first_keeps_only_reachable_rules_and_names_a_missing_one()
    {
        var builder = new GbnfGrammarBuilder();
        var used = builder.AddRule("used", "\"u\" helper");
        builder.AddRule("helper", "[0-9]{1,3} \"x\"");
        builder.AddRule("unused", "\"z\"");
        var grammar = builder.Build(used);
        Assert.Equal("root ::= used\nused ::= \"u\" helper\nhelper ::= [0-9]{1,3} \"x\"\n", grammar);

        var broken = builder.AddRule("broken", "\"(\" missing-rule \"]\"");
        var error = Assert.Throws<InvalidOperationException>(() => builder.Build(broken));
        Assert.Contains("'missing-rule'", error.Message);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        static string Make()
        {
            var builder = new GbnfGrammarBuilder();
            var root = builder.AddJsonSchema(JsonDocument.Parse(SchemaCorpus.DefinitionsAndNesting).RootElement);
            return builder.Build(root);
        }

        Assert.Equal(Make(), Make());
    }

    [Fact]
    public void Several_schemas_compose_into_one_tool_call_grammar()
    {
        var builder = new GbnfGrammarBuilder();
        var weather = builder.AddJsonSchema(JsonDocument.Parse(SchemaCorpus.WeatherTool).RootElement, "get-weather-args");
        var search = builder.AddJsonSchema(JsonDocument.Parse("""
            {"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":1,"maximum":50}},"required":["query"]}
            """).RootElement, "search-args");
        var free = builder.AddAnyJsonValue();
        string Call(string name, string arguments) =>
            GbnfGrammarBuilder.Literal("<tool_call>\n{\"name\": \"" + name + "\", \"arguments\": ") + " " + arguments + " "
            + GbnfGrammarBuilder.Literal("}\n</tool_call>");
        var root = builder.AddRule("tool-call", Call("get_weather", weather) + " | " + Call("search", search) + " | " + Call("anything", free));
        using var grammar = new LlamaGrammar(fixture, builder.Build(root));

        Assert.True(grammar.Matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"Bogotá, Colombia\", \"units\": \"celsius\"}}\n</tool_call>"));
        Assert.True(grammar.Matches("<tool_call>\n{\"name\": \"search\", \"arguments\": {\n  \"query\": \"a \\\"b\\\"\",\n  \"limit\": 50\n}}\n</tool_call>"));
        Assert.True(grammar.Matches("<tool_call>\n{\"name\": \"anything\", \"arguments\": [1, {\"x\": null}]}\n</tool_call>"));
        Assert.False(grammar.Matches("<tool_call>\n{\"name\": \"search\", \"arguments\": {\"query\": \"a\", \"limit\": 51}}\n</tool_call>"));
        Assert.False(grammar.Matches("<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"location\": \"x\", \"units\": \"kelvin\"}}\n</tool_call>"));
    }

    [Fact]
    public void A_refused_schema_adds_no_rules()
    {
        var builder = new GbnfGrammarBuilder();
        builder.AddAnyJsonObject();
        var before = builder.RuleCount;
        Assert.Throws<UnsupportedSchemaException>(() => builder.AddJsonSchema(
            JsonDocument.Parse("""{"type":"object","properties":{"a":{"type":"string"},"b":{"not":{}}}}""").RootElement));
        Assert.Equal(before, builder.RuleCount);
    }

    [Fact]
    public void Any_object_and_any_value_match_JSON_and_only_JSON()
    {
        var builder = new GbnfGrammarBuilder();
        using var obj = new LlamaGrammar(fixture, builder.Build(builder.AddAnyJsonObject()));
        Assert.True(obj.Matches("{}"));
        Assert.True(obj.Matches("{ \"a\": [1, 2.5e-3, true, null, \"x\\u00e9\"], \"b\": {\"c\": -0}\n}"));
        Assert.False(obj.Matches("[]"));
        Assert.False(obj.Matches("{\"a\": 01}"));
        Assert.False(obj.Matches("{\"a\": \"raw\ttab\"}"));
        Assert.False(obj.Matches("{\"a\": \"\\ud800\"}"));
        Assert.False(obj.Matches("{\"a\": 1,}"));

        using var value = new LlamaGrammar(fixture, builder.Build(builder.AddAnyJsonValue()));
        Assert.True(value.Matches("\"text\""));
        Assert.True(value.Matches("-12.5"));
        Assert.False(value.Matches(" 1"));
    }
}
