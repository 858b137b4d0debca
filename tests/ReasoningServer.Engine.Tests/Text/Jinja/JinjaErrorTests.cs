using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>Syntax errors name the line and column; render errors name where they happened; raise_exception carries the template's text.</summary>
public sealed class JinjaErrorTests
{
    [Theory]
    [InlineData("{% if x %}never closed", 1, 1, "never closed")]
    [InlineData("line one\n{{ x + }}", 2, 8, "Unexpected '}}'")]
    [InlineData("a\nb\n  {% endfor %}", 3, 6, "Unknown or unexpected statement 'endfor'")]
    [InlineData("{% unknown %}", 1, 4, "Unknown or unexpected statement 'unknown'")]
    [InlineData("{{ 'unterminated }}", 1, 4, "Unterminated string literal")]
    [InlineData("{# open comment", 1, 1, "Missing end of comment tag")]
    [InlineData("{% break %}", 1, 1, "outside a for loop")]
    [InlineData("{% set 1 = 2 %}", 1, 8, "Can only set a name")]
    [InlineData("{{ x[1:2:3:4] }}", 1, 5, "at most three parts")]
    [InlineData("{% macro m(a, a) %}{% endmacro %}", 1, 11, "Duplicate parameter name 'a'")]
    [InlineData("{{ f(a=1, 2) }}", 1, 11, "Positional arguments must come before keyword arguments")]
    [InlineData("{{ x ! y }}", 1, 6, "Unexpected character '!'")]
    public void Syntax_errors_give_line_and_column(string template, int line, int column, string message)
    {
        var error = Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse(template));
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{line}:{column}: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Positions_refer_to_the_original_text_after_whitespace_control()
    {
        // lstrip_blocks removes the indentation before "{%"; the column still counts it.
        var error = Assert.Throws<JinjaParseException>(() => JinjaTemplate.Parse("ok\n    {% if %}"));
        Assert.Equal((2, 11), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("{{ 1 / 0 }}", "Division by zero")]
    [InlineData("{{ missing() }}", "'missing' (undefined) is not callable")]
    [InlineData("{{ 'a' + missing }}", "Cannot use 'missing' (undefined) with '+'")]
    [InlineData("{{ 1 < 'a' }}", "'<' is not supported between 'int' and 'str'")]
    [InlineData("{% for x in 5 %}{% endfor %}", "'int' object is not iterable")]
    [InlineData("{% for a, b in [[1, 2, 3]] %}{% endfor %}", "Too many values to unpack")]
    [InlineData("{{ x | nosuchfilter }}", "No filter named 'nosuchfilter'")]
    [InlineData("{{ x is nosuchtest }}", "No test named 'nosuchtest'")]
    [InlineData("{% macro m(a) %}{% endmacro %}{{ m(1, 2) }}", "takes at most 1 argument")]
    [InlineData("{% macro m(a) %}{% endmacro %}{{ m(b=2) }}", "takes no keyword argument 'b'")]
    [InlineData("{% set x = 5 %}{% set x.attr = 1 %}", "only a namespace() takes attributes")]
    [InlineData("{{ 'x'.split('') }}", "empty separator")]
    [InlineData("{{ [1][::0] }}", "Slice step cannot be zero")]
    [InlineData("{{ 9223372036854775807 + 1 }}", "Integer overflow")]
    [InlineData("{{ 'a'.replace('a') }}", "replace() needs a string argument")]
    [InlineData("{{ {[1]: 2} }}", "Unhashable type 'list'")]
    public void Render_errors_are_JinjaRenderExceptions(string template, string message)
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text(template));
        Assert.Contains(message, error.Message);
        Assert.Matches(@"^\d+:\d+: ", error.Message);
    }

    [Fact]
    public void Render_errors_name_the_line_of_the_failing_statement()
    {
        var error = Assert.Throws<JinjaRenderException>(() => JinjaRender.Text("fine\n{{ 'ok' }}\n  {{ 1 // 0 }}"));
        Assert.StartsWith("3:3: ", error.Message);
    }

    [Fact]
    public void Raise_exception_carries_the_templates_message()
    {
        var error = Assert.Throws<JinjaRaisedException>(() =>
            JinjaRender.Text("{% if messages[0].role != 'user' %}{{ raise_exception('Conversation roles must alternate ' ~ messages[0].role) }}{% endif %}",
                "{\"messages\": [{\"role\": \"tool\"}]}"));
        Assert.Equal("Conversation roles must alternate tool", error.Message);
        Assert.IsAssignableFrom<JinjaException>(error);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        Assert.Throws<ArgumentNullException>(() => JinjaTemplate.Parse(null!));
        Assert.Throws<ArgumentNullException>(() => JinjaValue.Data(null!));
        Assert.Throws<ArgumentException>(() => JinjaTemplate.Parse("x").Render(new Dictionary<string, JinjaValue> { ["v"] = null! }));
    }
}
