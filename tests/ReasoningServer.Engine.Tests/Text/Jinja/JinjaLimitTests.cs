using System.Text;
using System.Text.Json;
using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>Templates come from model files and data from users: runaway renders end in a JinjaRenderException, never a hang or a stack overflow.</summary>
public sealed class JinjaLimitTests
{
    [Fact]
    public void A_loop_that_runs_too_long_hits_the_step_limit()
    {
        var options = new JinjaRenderOptions { MaxSteps = 100_000 };
        var error = Assert.Throws<JinjaRenderException>(() =>
            JinjaRender.Text("{% for i in range(1000) %}{% for j in range(1000) %}x{% endfor %}{% endfor %}", options: options));
        Assert.Contains("more than 100000 steps", error.Message);
    }

    [Fact]
    public void A_huge_range_fails_before_it_is_built()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("{{ range(10 ** 15) | length }}"));
        Assert.Contains("steps", error.Message);
    }

    [Fact]
    public void Endless_recursion_hits_the_depth_limit()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"));
        Assert.Contains("nest deeper than 200 levels", error.Message);
    }

    [Fact]
    public void Recursion_within_the_limit_works()
    {
        var options = new JinjaRenderOptions { MaxDepth = 50 };
        Assert.Equal("40", JinjaRender.Text("{% macro f(n) %}{% if n < 40 %}{{ f(n + 1) }}{% else %}{{ n }}{% endif %}{% endmacro %}{{ f(0) }}", options: options));
    }

    [Fact]
    public void Output_beyond_the_character_limit_fails()
    {
        var options = new JinjaRenderOptions { MaxOutputChars = 1000 };
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("{% for i in range(200) %}0123456789{% endfor %}", options: options));
        Assert.Contains("exceed 1000 characters", error.Message);
    }

    [Fact]
    public void Doubling_a_string_fails_at_the_character_limit_without_filling_memory()
    {
        var template = "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}";
        Assert.Throws<JinjaRenderException>(() => JinjaRender.Text(template));
        Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("{{ 'x' * 10 ** 12 }}"));
    }

    [Fact]
    public void A_value_that_contains_itself_cannot_be_printed_endlessly()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("{% set xs = [] %}{% set _ = xs.append(xs) %}{{ xs | tojson }}"));
        Assert.Contains("nests deeper than", error.Message);
    }

    [Fact]
    public void Deeply_nested_user_json_is_refused_with_a_clear_error()
    {
        var json = new string('[', 300) + new string(']', 300);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        var error = Assert.Throws<JinjaException>(() => JinjaValue.FromJson(document.RootElement));
        Assert.Contains("deeper than 256 levels", error.Message);
    }

    [Fact]
    public void Nested_values_within_the_json_limit_render_until_the_depth_limit()
    {
        var json = new string('[', 250) + new string(']', 250);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 1000 });
        var template = JinjaTemplate.Parse("{{ v | tojson }}");
        var variables = new Dictionary<string, JinjaValue> { ["v"] = JinjaValue.FromJson(document.RootElement) };
        Assert.Throws<JinjaRenderException>(() => template.Render(variables));
        Assert.Equal(new string('[', 250) + new string(']', 250), template.Render(variables, new JinjaRenderOptions { MaxDepth = 300 }).ToString());
    }

    [Fact]
    public void Deeply_nested_template_syntax_is_a_parse_error_not_a_stack_overflow()
    {
        var parentheses = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";
        Assert.Contains("nests deeper than", Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse(parentheses)).Message);

        var ifs = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            ifs.Append("{% if true %}");
        }

        Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse(ifs.ToString()));
        Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse("{{ " + string.Concat(Enumerable.Repeat("not ", 5000)) + "x }}"));
    }
}
