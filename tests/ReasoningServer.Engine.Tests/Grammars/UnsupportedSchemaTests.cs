using System.Text.Json;
using ReasoningServer.Engine.Grammars;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>Schemas the converter must refuse, each with the keyword and JSON pointer it names.</summary>
public sealed class UnsupportedSchemaTests
{
    public static TheoryData<string, string, string, string> Refused => new()
    {
        // Keywords a grammar cannot express.
        { """{"type":"object","properties":{"a":{"type":"object","patternProperties":{"^x":{}}}}}""", "patternProperties", "/properties/a", "not supported" },
        { """{"if":{"type":"string"},"then":{"minLength":1}}""", "if", "", "not supported" },
        { """{"not":{"type":"null"}}""", "not", "", "not supported" },
        { """{"type":"object","dependentRequired":{"a":["b"]}}""", "dependentRequired", "", "not supported" },
        { """{"type":"array","contains":{"type":"integer"}}""", "contains", "", "not supported" },
        { """{"type":"array","items":{"type":"array","uniqueItems":true}}""", "uniqueItems", "/items", "not supported" },
        { """{"type":"number","multipleOf":0.5}""", "multipleOf", "", "not supported" },
        { """{"type":"object","minProperties":1}""", "minProperties", "", "not supported" },
        { """{"type":"object","propertyNames":{"pattern":"^a"}}""", "propertyNames", "", "not supported" },
        { """{"type":"object","unevaluatedProperties":false}""", "unevaluatedProperties", "", "not supported" },
        { """{"anyOf":[{"type":"string"},{"type":"object","properties":{"x/y":{"$dynamicRef":"#a"}}}]}""", "$dynamicRef", "/anyOf/1/properties/x~1y", "not supported" },
        // Formats, patterns and bounds that have no grammar.
        { """{"type":"string","format":"iri"}""", "format", "", "'iri' is not supported" },
        { """{"type":"string","pattern":"^(?=a)b$"}""", "pattern", "", "lookaround" },
        { """{"type":"string","pattern":"(a)\\1"}""", "pattern", "", "backreference" },
        { """{"type":"string","pattern":"\\bword"}""", "pattern", "", "word boundary" },
        { """{"type":"string","pattern":"a^b"}""", "pattern", "", "anchor" },
        { """{"type":"string","pattern":"\\p{L}+"}""", "pattern", "", "Unicode property" },
        { """{"type":"string","pattern":"(ab"}""", "pattern", "", "unclosed" },
        { """{"type":"string","pattern":"^[a-z]+$","maxLength":4}""", "maxLength", "", "combined with 'pattern'" },
        { """{"type":"number","minimum":0.5}""", "minimum", "", "fractional" },
        { """{"type":"integer","minimum":5,"maximum":4}""", "minimum", "", "no integer" },
        { """{"allOf":[{"type":"string","pattern":"a"},{"type":"string","pattern":"b"}]}""", "pattern", "/allOf/1", "different patterns" },
        { """{"oneOf":[{"type":"number"},{"type":"integer"}]}""", "oneOf", "", "may both match" },
        { """{"oneOf":[{"type":"object","properties":{"a":{"type":"string"}}},{"type":"object","properties":{"b":{"type":"string"}}}]}""", "oneOf", "", "may both match" },
        // References.
        { """{"$ref":"https://example.com/schema.json"}""", "$ref", "", "remote reference" },
        { """{"$ref":"#node","$defs":{"n":{"$anchor":"node"}}}""", "$ref", "", "anchor reference" },
        { """{"type":"object","properties":{"a":{"$ref":"#/$defs/missing"}}}""", "$ref", "/properties/a", "points at nothing" },
        { """{"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"anyOf":[{"$ref":"#/$defs/a"},{"type":"null"}]}},"$ref":"#/$defs/a"}""", "$ref", "/$defs/b/anyOf/0", "comes back to itself" },
        { """{"$defs":{"t":{"type":"object","properties":{"c":{"$ref":"#/$defs/t"}}}},"allOf":[{"$ref":"#/$defs/t"},{"$ref":"#/$defs/t","properties":{"c":{"required":["x"]}}}]}""", "$ref", "/$defs/t/properties/c", "recursive reference" },
        // Malformed schemas.
        { """{"type":"object","properties":{"a":{"type":"string"}},"required":["a","b"],"additionalProperties":false}""", "required", "", "'b' is not in 'properties'" },
        { """{"type":"object","properties":{"a":"string"}}""", "properties", "/properties/a", "must be an object or a boolean" },
        { """{"type":"strin"}""", "type", "", "unknown type" },
        { """{"type":"array","minItems":3,"maxItems":2}""", "maxItems", "", "below minItems" },
        { """{"type":"string","maxLength":-1}""", "maxLength", "", "non-negative integer" },
        { """{"enum":[]}""", "enum", "", "non-empty array" },
        { """{"type":"string","enum":[1,2]}""", "enum", "", "No enum or const value" },
        { """{"allOf":[{"type":"string"},{"type":"integer"}]}""", "type", "/allOf/0", "no common type" },
        { """{"type":"object","properties":{"a":false},"required":["a"]}""", "properties", "/properties/a", "false" },
        { """{"anyOf":"x"}""", "anyOf", "", "non-empty array of schemas" },
        // Limits.
        { """{"type":"string","maxLength":1000000}""", "maxLength", "", "above the limit" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void The_schema_is_refused_naming_keyword_and_path(string schema, string keyword, string path, string reason)
    {
        var error = Assert.Throws<UnsupportedSchemaException>(
            () => new GbnfGrammarBuilder().AddJsonSchema(JsonDocument.Parse(schema).RootElement));
        Assert.Equal(keyword, error.Keyword);
        Assert.Equal(path, error.Path);
        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Annotations_are_ignored()
    {
        var schema = """
            {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://example.com/s","$comment":"c",
             "title":"T","description":"D","examples":[1],"default":1,"deprecated":true,"readOnly":true,"writeOnly":false,
             "type":"integer"}
            """;
        var builder = new GbnfGrammarBuilder();
        var root = builder.AddJsonSchema(JsonDocument.Parse(schema).RootElement);
        Assert.Equal("root ::= schema\nschema ::= integer\nintegral-part ::= [0] | [1-9] [0-9]{0,15}\ninteger ::= \"-\"? integral-part\n",
            builder.Build(root));
    }

    [Fact]
    public void Limits_on_depth_rules_and_enum_size_are_enforced()
    {
        var deep = string.Concat(Enumerable.Repeat("""{"type":"array","items":""", 80)) + "{}" + new string('}', 80);
        var depth = Assert.Throws<UnsupportedSchemaException>(() => new GbnfGrammarBuilder().AddJsonSchema(
            JsonDocument.Parse(deep, new JsonDocumentOptions { MaxDepth = 1000 }).RootElement));
        Assert.Contains("deeper than 64", depth.Message);

        var bigEnum = "{\"enum\":[" + string.Join(",", Enumerable.Range(0, 3000)) + "]}";
        var enumError = Assert.Throws<UnsupportedSchemaException>(() => new GbnfGrammarBuilder().AddJsonSchema(JsonDocument.Parse(bigEnum).RootElement));
        Assert.Equal("enum", enumError.Keyword);

        var wide = "{\"type\":\"object\",\"properties\":{" + string.Join(",", Enumerable.Range(0, 300).Select(i => $"\"p{i}\":{{\"type\":\"string\",\"maxLength\":{i + 1}}}")) + "}}";
        var small = new GbnfGrammarBuilder(new JsonSchemaGrammarLimits { MaxRules = 100 });
        var rules = Assert.Throws<UnsupportedSchemaException>(() => small.AddJsonSchema(JsonDocument.Parse(wide).RootElement));
        Assert.Contains("more than 100 grammar rules", rules.Message);
    }
}
