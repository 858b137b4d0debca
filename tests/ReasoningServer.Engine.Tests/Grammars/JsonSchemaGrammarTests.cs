using System.Globalization;
using System.Text.Json;
using ReasoningServer.Engine.Grammars;
using ReasoningServer.Engine.Tests.Infrastructure;

namespace ReasoningServer.Engine.Tests.Grammars;

/// <summary>What each keyword's grammar accepts and rejects, asked of llama.cpp's grammar engine byte by byte.</summary>
[Collection(TinyModelCollection.Name)]
public sealed class JsonSchemaGrammarTests(TinyModelFixture fixture)
{
    [Theory]
    [InlineData(-5L, 120L)]
    [InlineData(0L, 9L)]
    [InlineData(10L, 99L)]
    [InlineData(-1000L, -7L)]
    [InlineData(7L, 7L)]
    [InlineData(0L, 1000L)]
    [InlineData(1L, 2500L)]
    [InlineData(-20L, 2500L)]
    [InlineData(101L, 1999L)]
    [InlineData(-999L, 0L)]
    public void Integer_ranges_accept_exactly_their_integers(long minimum, long maximum)
    {
        using var grammar = Grammar($$"""{"type":"integer","minimum":{{minimum}},"maximum":{{maximum}}}""");
        for (var value = -1100L; value <= 2600L; value++)
        {
            var inRange = value >= minimum && value <= maximum;
            Assert.True(inRange == grammar.Matches(value.ToString(CultureInfo.InvariantCulture)), $"{value} in [{minimum}, {maximum}]");
        }

        Assert.False(grammar.Matches("0" + maximum.ToString(CultureInfo.InvariantCulture)));
        Assert.False(grammar.Matches(maximum.ToString(CultureInfo.InvariantCulture) + ".0"));
    }

    [Fact]
    public void One_sided_and_exclusive_integer_bounds()
    {
        using (var atLeast = Grammar("""{"type":"integer","minimum":17}"""))
        {
            Assert.False(atLeast.Matches("16"));
            Assert.True(atLeast.Matches("17"));
            Assert.True(atLeast.Matches("9999999999999999"));
            Assert.False(atLeast.Matches("10000000000000000"));
            Assert.False(atLeast.Matches("-20"));
        }

        using (var below = Grammar("""{"type":"integer","exclusiveMaximum":-3}"""))
        {
            Assert.True(below.Matches("-4"));
            Assert.False(below.Matches("-3"));
            Assert.False(below.Matches("0"));
            Assert.True(below.Matches("-9999999999999999"));
        }

        using (var draft4 = Grammar("""{"type":"integer","minimum":0,"exclusiveMinimum":true,"maximum":2.5}"""))
        {
            Assert.False(draft4.Matches("0"));
            Assert.True(draft4.Matches("1"));
            Assert.True(draft4.Matches("2"));
            Assert.False(draft4.Matches("3"));
        }
    }

    [Theory]
    [InlineData("""{"type":"number","minimum":0,"maximum":1}""", 0, false, 1, false)]
    [InlineData("""{"type":"number","exclusiveMinimum":0,"maximum":1}""", 0, true, 1, false)]
    [InlineData("""{"type":"number","minimum":-90,"maximum":90}""", -90, false, 90, false)]
    [InlineData("""{"type":"number","exclusiveMinimum":-1,"exclusiveMaximum":3}""", -1, true, 3, true)]
    [InlineData("""{"type":"number","minimum":-2,"exclusiveMaximum":-1}""", -2, false, -1, true)]
    [InlineData("""{"type":"number","exclusiveMinimum":2}""", 2, true, 1e9, false)]
    [InlineData("""{"type":"number","maximum":-2}""", -1e9, false, -2, false)]
    public void Number_ranges_accept_exactly_their_numbers(string schema, double low, bool lowExclusive, double high, bool highExclusive)
    {
        using var grammar = Grammar(schema);
        for (var quarter = -400; quarter <= 400; quarter++)
        {
            var value = quarter / 4m;
            var text = value.ToString("0.##", CultureInfo.InvariantCulture);
            var inRange = (lowExclusive ? (double)value > low : (double)value >= low)
                && (highExclusive ? (double)value < high : (double)value <= high);
            Assert.True(inRange == grammar.Matches(text), $"{text} in {schema}");
        }

        Assert.False(grammar.Matches("1e2"));
    }

    [Fact]
    public void A_number_at_an_inclusive_bound_may_have_zero_decimals()
    {
        using var grammar = Grammar("""{"type":"number","minimum":0,"maximum":1}""");
        Assert.True(grammar.Matches("1.000"));
        Assert.False(grammar.Matches("1.001"));
        Assert.True(grammar.Matches("0.0001"));
    }

    [Fact]
    public void Patterns_translate_with_JSON_escaping()
    {
        using (var sku = Grammar("""{"type":"string","pattern":"^[A-Z]{3}-[0-9]{2,4}$"}"""))
        {
            Assert.True(sku.Matches("\"ABC-12\""));
            Assert.True(sku.Matches("\"XYZ-1234\""));
            Assert.False(sku.Matches("\"AB-12\""));
            Assert.False(sku.Matches("\"ABC-12345\""));
            Assert.False(sku.Matches("\"abc-12\""));
        }

        using (var alternatives = Grammar("""{"type":"string","pattern":"^(ab|c+)?d\\.\\d*$"}"""))
        {
            Assert.True(alternatives.Matches("\"abd.12\""));
            Assert.True(alternatives.Matches("\"cccd.\""));
            Assert.True(alternatives.Matches("\"d.5\""));
            Assert.False(alternatives.Matches("\"abcd.1\""));
            Assert.False(alternatives.Matches("\"dx1\""));
        }

        // A quote and a backslash in the pattern are written escaped in the JSON string.
        using (var quoted = Grammar("""{"type":"string","pattern":"^say \"hi\"\\\\$"}"""))
        {
            Assert.True(quoted.Matches("\"say \\\"hi\\\"\\\\\""));
            Assert.False(quoted.Matches("\"say \"hi\"\\\""));
        }

        // A negated class and '.' let a quote through only escaped, and never a raw control character.
        using (var negated = Grammar("""{"type":"string","pattern":"^[^a]{2}.$"}"""))
        {
            Assert.True(negated.Matches("\"\\\"\\\\x\""));
            Assert.False(negated.Matches("\"ab!\""));
            Assert.False(negated.Matches("\"x\ty\""));
            Assert.False(negated.Matches("\"xy\\n\""));
            Assert.True(negated.Matches("\"é😀日\""));
        }

        using (var classes = Grammar("""{"type":"string","pattern":"^\\w+\\s\\D$"}"""))
        {
            Assert.True(classes.Matches("\"a_1 x\""));
            Assert.True(classes.Matches("\"a\\tx\""));
            Assert.False(classes.Matches("\"a 1\""));
        }

        // Unanchored: strings that match the whole pattern, a subset of those that contain a match.
        using var unanchored = Grammar("""{"type":"string","pattern":"ab"}""");
        Assert.True(unanchored.Matches("\"ab\""));
        Assert.False(unanchored.Matches("\"xab\""));
    }

    [Fact]
    public void Formats_allow_only_valid_values()
    {
        using (var date = Grammar("""{"type":"string","format":"date"}"""))
        {
            Assert.True(date.Matches("\"2024-02-29\""));
            Assert.True(date.Matches("\"2000-02-29\""));
            Assert.False(date.Matches("\"1900-02-29\""));
            Assert.False(date.Matches("\"2023-02-29\""));
            Assert.False(date.Matches("\"2023-04-31\""));
            Assert.True(date.Matches("\"2023-12-31\""));
        }

        using (var dateTime = Grammar("""{"type":"string","format":"date-time"}"""))
        {
            Assert.True(dateTime.Matches("\"2024-05-01T13:07:42Z\""));
            Assert.True(dateTime.Matches("\"2024-05-01T13:07:42.123+02:00\""));
            Assert.False(dateTime.Matches("\"2024-05-01 13:07:42\""));
            Assert.False(dateTime.Matches("\"2024-05-01T24:00:00Z\""));
        }

        using (var uuid = Grammar("""{"type":"string","format":"uuid"}"""))
        {
            Assert.True(uuid.Matches("\"123e4567-e89b-12d3-a456-426614174000\""));
            Assert.False(uuid.Matches("\"123e4567e89b12d3a456426614174000\""));
        }

        using var ipv4 = Grammar("""{"type":"string","format":"ipv4"}""");
        Assert.True(ipv4.Matches("\"255.0.10.199\""));
        Assert.False(ipv4.Matches("\"256.0.0.1\""));
        Assert.False(ipv4.Matches("\"01.0.0.1\""));
    }

    [Fact]
    public void String_lengths_count_characters_and_escapes_once()
    {
        using var grammar = Grammar("""{"type":"string","minLength":2,"maxLength":3}""");
        Assert.False(grammar.Matches("\"a\""));
        Assert.True(grammar.Matches("\"ab\""));
        Assert.True(grammar.Matches("\"é😀\\n\""));
        Assert.True(grammar.Matches("\"\\u00e9\\\"\""));
        Assert.False(grammar.Matches("\"abcd\""));
        Assert.False(grammar.Matches("\"\\ud83d\\ude00\""));
    }

    [Fact]
    public void Enum_const_nullable_and_type_arrays()
    {
        using (var values = Grammar("""{"enum":["a\"b",1.50,null,{"k":[true,"é"]}]}"""))
        {
            Assert.True(values.Matches("\"a\\\"b\""));
            Assert.True(values.Matches("1.50"));
            Assert.True(values.Matches("null"));
            Assert.True(values.Matches("{\"k\":[true,\"é\"]}"));
            Assert.False(values.Matches("1.5"));
            Assert.False(values.Matches("\"a\""));
        }

        using (var filtered = Grammar("""{"type":["string","null"],"enum":["violence",null,3]}"""))
        {
            Assert.True(filtered.Matches("\"violence\""));
            Assert.True(filtered.Matches("null"));
            Assert.False(filtered.Matches("3"));
        }

        using var nullable = Grammar("""{"type":"integer","nullable":true,"minimum":1,"maximum":3}""");
        Assert.True(nullable.Matches("2"));
        Assert.True(nullable.Matches("null"));
        Assert.False(nullable.Matches("4"));
    }

    [Fact]
    public void Properties_come_in_schema_order_with_optional_ones_skippable()
    {
        using var grammar = Grammar("""
            {"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"},"c":{"type":"integer"},"d":{"type":"integer"}},
             "required":["b","d"]}
            """);
        Assert.True(grammar.Matches("{\"b\":1,\"d\":2}"));
        Assert.True(grammar.Matches("{\"a\":0,\"b\":1,\"c\":3,\"d\":2}"));
        Assert.True(grammar.Matches("{ \"a\" : 0 , \"b\":1,\n  \"d\":2\n}"));
        Assert.False(grammar.Matches("{\"d\":2,\"b\":1}"));
        Assert.False(grammar.Matches("{\"a\":0,\"d\":2}"));
        Assert.False(grammar.Matches("{\"b\":1,\"d\":2,\"e\":3}"));
        Assert.False(grammar.Matches("{\"b\":1,,\"d\":2}"));
        Assert.False(grammar.Matches("{\"b\":1,\"d\":2" + "\n" + new string(' ', 21) + "}"));
        Assert.True(grammar.Matches("{\"b\":1,\"d\":2" + "\n" + new string(' ', 20) + "}"));

        using var optionalOnly = Grammar("""{"type":"object","properties":{"x":{"type":"boolean"},"y":{"type":"null"}}}""");
        Assert.True(optionalOnly.Matches("{}"));
        Assert.True(optionalOnly.Matches("{\"y\":null}"));
        Assert.True(optionalOnly.Matches("{\"x\":true,\"y\":null}"));
        Assert.False(optionalOnly.Matches("{,\"y\":null}"));
    }

    [Fact]
    public void Additional_properties_exclude_declared_names()
    {
        using var grammar = Grammar("""
            {"type":"object","properties":{"ab":{"type":"integer"},"abc":{"type":"integer"}},"additionalProperties":{"type":"string"}}
            """);
        Assert.True(grammar.Matches("{\"ab\":1,\"x\":\"y\",\"a\":\"z\",\"abcd\":\"w\",\"\":\"e\"}"));
        Assert.False(grammar.Matches("{\"ab\":1,\"ab\":\"y\"}"));
        Assert.False(grammar.Matches("{\"abc\":\"y\"}"));
        Assert.False(grammar.Matches("{\"x\":1}"));

        using var open = Grammar("""{"type":"object","required":["id"],"additionalProperties":true}""");
        Assert.True(open.Matches("{\"id\":[1],\"other\":{}}"));
        Assert.False(open.Matches("{\"other\":{}}"));

        using var anyObject = Grammar("""{"type":"object"}""");
        Assert.True(anyObject.Matches("{\"q\":1}"));
    }

    [Fact]
    public void Arrays_honour_bounds_prefix_items_and_tuples()
    {
        using (var bounded = Grammar("""{"type":"array","items":{"type":"integer"},"minItems":2,"maxItems":3}"""))
        {
            Assert.False(bounded.Matches("[1]"));
            Assert.True(bounded.Matches("[1, 2]"));
            Assert.True(bounded.Matches("[ 1 ,2,3 ]"));
            Assert.False(bounded.Matches("[1,2,3,4]"));
            Assert.False(bounded.Matches("[1,\"a\"]"));
        }

        using (var prefix = Grammar("""{"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":{"type":"boolean"},"maxItems":4}"""))
        {
            Assert.True(prefix.Matches("[\"a\",1]"));
            Assert.True(prefix.Matches("[\"a\",1,true,false]"));
            Assert.False(prefix.Matches("[\"a\",1,true,false,true]"));
            Assert.False(prefix.Matches("[1,\"a\"]"));
        }

        using var big = Grammar("""{"type":"array","items":{"const":0},"minItems":2500,"maxItems":4100}""");
        var zeros = (int count) => "[" + string.Join(",", Enumerable.Repeat("0", count)) + "]";
        Assert.False(big.Matches(zeros(2499)));
        Assert.True(big.Matches(zeros(2500)));
        Assert.True(big.Matches(zeros(4100)));
        Assert.False(big.Matches(zeros(4101)));
    }

    [Fact]
    public void References_and_recursion()
    {
        using (var ui = Grammar(SchemaCorpus.UiComponent))
        {
            Assert.True(ui.Matches("""{"type":"form","label":"f","children":[{"type":"field","label":"name","children":[],"attributes":[{"name":"id","value":"n"}]}],"attributes":[]}"""));
            Assert.False(ui.Matches("""{"type":"form","label":"f","children":[{"type":"table","label":"","children":[],"attributes":[]}],"attributes":[]}"""));
        }

        using var list = Grammar(SchemaCorpus.LinkedList);
        Assert.True(list.Matches("""{"linked_list":{"value":1,"next":{"value":2.5,"next":null}}}"""));
        Assert.False(list.Matches("""{"linked_list":{"value":1,"next":{"value":2}}}"""));
    }

    [Fact]
    public void AllOf_merges_objects_and_oneOf_with_a_discriminator_is_accepted()
    {
        using (var merged = Grammar("""
            {"allOf":[{"type":"object","properties":{"a":{"type":"integer","minimum":0}},"required":["a"]},
                      {"properties":{"a":{"maximum":5},"b":{"type":"string"}},"required":["b"]}]}
            """))
        {
            Assert.True(merged.Matches("{\"a\":5,\"b\":\"x\"}"));
            Assert.False(merged.Matches("{\"a\":6,\"b\":\"x\"}"));
            Assert.False(merged.Matches("{\"a\":1}"));
        }

        using var pets = Grammar("""
            {"oneOf":[{"type":"object","properties":{"kind":{"const":"cat"}},"required":["kind"]},
                      {"type":"object","properties":{"kind":{"const":"dog"},"barks":{"type":"boolean"}},"required":["kind"]}]}
            """);
        Assert.True(pets.Matches("{\"kind\":\"cat\"}"));
        Assert.True(pets.Matches("{\"kind\":\"dog\",\"barks\":true}"));
        Assert.False(pets.Matches("{\"kind\":\"cat\",\"barks\":true}"));
    }

    [Fact]
    public void Empty_and_true_schemas_allow_any_value()
    {
        foreach (var schema in new[] { "{}", "true", """{"description":"anything"}""" })
        {
            using var grammar = Grammar(schema);
            Assert.True(grammar.Matches("[{\"a\":null},-1.5e+10,\"s\"]"));
            Assert.False(grammar.Matches("[1,]"));
        }
    }

    private LlamaGrammar Grammar(string schema)
    {
        var builder = new GbnfGrammarBuilder();
        var root = builder.AddJsonSchema(JsonDocument.Parse(schema).RootElement);
        return new LlamaGrammar(fixture, builder.Build(root));
    }
}
