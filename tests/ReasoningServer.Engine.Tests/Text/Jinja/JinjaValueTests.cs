using System.Text.Json;
using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>Host values: JSON conversion (int versus float, key order), the factories, and numbers printed as Python prints them.</summary>
public sealed class JinjaValueTests
{
    [Fact]
    public void Json_numbers_keep_int_and_float_apart_and_objects_keep_their_order()
    {
        const string json = "{\"z\": 1, \"a\": 1.0, \"m\": 1e2, \"big\": 12345678901234567890, \"neg\": -0.5}";
        Assert.Equal("{\"z\": 1, \"a\": 1.0, \"m\": 100.0, \"big\": 1.2345678901234567e+19, \"neg\": -0.5}", JinjaRender.Text("{{ v | tojson }}", $"{{\"v\": {json}}}"));
        Assert.Equal("truefalsetrue", JinjaRender.Text("{{ v.z is integer }}{{ v.a is integer }}{{ v.a is float }}", $"{{\"v\": {json}}}"));
    }

    [Theory]
    [InlineData("0.1", "0.1")]
    [InlineData("1.0", "1.0")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("123456.789", "123456.789")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("3.0e-10", "3e-10")]
    public void Floats_print_and_serialize_as_Python_repr(string json, string expected)
    {
        Assert.Equal(expected + "|" + expected, JinjaRender.Text("{{ f }}|{{ f | tojson }}", $"{{\"f\": {json}}}"));
    }

    [Fact]
    public void Factories_build_the_values_templates_see()
    {
        var variables = new Dictionary<string, JinjaValue>
        {
            ["n"] = JinjaValue.None,
            ["u"] = JinjaValue.Undefined,
            ["t"] = JinjaValue.True,
            ["f"] = JinjaValue.From(false),
            ["i"] = JinjaValue.From(42L),
            ["x"] = JinjaValue.From(2.5),
            ["l"] = JinjaValue.List([JinjaValue.From(1L), JinjaValue.String("a")]),
            ["d"] = JinjaValue.Dict([new("b", JinjaValue.From(1L)), new("a", JinjaValue.From(2L)), new("b", JinjaValue.From(3L))]),
        };
        var template = JinjaTemplate.Parse("{{ n is none }}{{ u is defined }}{{ t }}{{ f }}{{ i is integer }}{{ x is float }}{{ l }}{{ d | tojson }}");
        Assert.Equal("truefalsetruefalsetruetrue[1, \"a\"]{\"b\": 3, \"a\": 2}", template.Render(variables).ToString());
        Assert.Equal("[1, \"a\"]", variables["l"].ToString());
    }

    [Fact]
    public void Json_strings_and_keys_are_data()
    {
        using var document = JsonDocument.Parse("{\"key\": \"value\"}");
        var rendered = JinjaTemplate.Parse("{% for k, v in d.items() %}{{ k }}:{{ v }}{% endfor %}")
            .Render(new Dictionary<string, JinjaValue> { ["d"] = JinjaValue.FromJson(document.RootElement) });
        Assert.Equal([new TextRun("key", true), new TextRun(":", false), new TextRun("value", true)], rendered.Runs);
    }

    [Fact]
    public void A_parsed_template_renders_many_times_and_templates_do_not_change_host_values()
    {
        var template = JinjaTemplate.Parse("{% set ns = namespace(n=0) %}{% for m in ms %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}{{ ms | length }}");
        var variables = JinjaRender.Variables("{\"ms\": [1, 2, 3]}");
        Assert.Equal("33", template.Render(variables).ToString());
        Assert.Equal("33", template.Render(variables).ToString());
    }
}
