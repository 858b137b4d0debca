namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>trim_blocks, lstrip_blocks, the dash modifiers and the dropped final newline. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaWhitespaceTests
{
    [Theory]
    [InlineData("{% if true %}\nyes\n{% endif %}\nafter", "{}", "yes\nafter")]
    [InlineData("  {% if true %}\n  indented\n  {% endif %}\ndone", "{}", "  indented\ndone")]
    [InlineData("a  {{- 'b' -}}  c", "{}", "abc")]
    [InlineData("a  {%- if true -%}  b  {%- endif -%}  c", "{}", "abc")]
    [InlineData("line1\n  {#- note #}\nline2", "{}", "line1line2")]
    [InlineData("x {#- c -#} y", "{}", "xy")]
    [InlineData("{% for i in [1, 2] %}\n{{ i }}\n{% endfor %}\n", "{}", "1\n2\n")]
    [InlineData("text\n\n", "{}", "text\n")]
    [InlineData("{{ 'a' }}\n{{ 'b' }}\n", "{}", "a\nb")]
    [InlineData("  {{ 'kept' }}  \n", "{}", "  kept  ")]
    [InlineData("<{%- if true %} a {% endif -%}>", "{}", "< a >")]
    public void Whitespace_control_matches_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
