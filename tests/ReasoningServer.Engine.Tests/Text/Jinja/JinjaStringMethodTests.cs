namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>the Python string methods templates call. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaStringMethodTests
{
    [Theory]
    [InlineData("{{ ' x '.strip() }}|{{ ' x '.lstrip() }}|{{ ' x '.rstrip() }}|{{ '\\n\\nx\\n'.strip('\\n') }}", "{}", "x|x | x|x")]
    [InlineData("{{ 'a,b,,c'.split(',') }}{{ 'a b  c'.split() }}{{ 'a,b,c'.split(',', 1) }}{{ '  lead and trail  '.split() }}", "{}", "[\"a\", \"b\", \"\", \"c\"][\"a\", \"b\", \"c\"][\"a\", \"b,c\"][\"lead\", \"and\", \"trail\"]")]
    [InlineData("{{ 'Hello'.upper() }}{{ 'Hello'.lower() }}{{ 'hello world'.title() }}{{ 'hello'.capitalize() }}", "{}", "HELLOhelloHello WorldHello")]
    [InlineData("{{ 'abcabc'.replace('b', 'X') }}{{ 'abcabc'.replace('b', 'X', 1) }}{{ 'ab'.replace('', '-') }}", "{}", "aXcaXcaXcabc-a-b-")]
    [InlineData("{{ 'hello'.startswith('he') }}{{ 'hello'.endswith('lo') }}{{ 'hello'.startswith(('x', 'h')) }}{{ 'hello'.endswith('x') }}", "{}", "truetruetruefalse")]
    [InlineData("{{ 'hello'.length }}{{ 'hello' | length }}", "{}", "55")]
    [InlineData("{{ c.split('</think>')[-1].lstrip('\\n') }}|{{ c.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') }}", "{\"c\": \"<think>\\nreason\\n</think>\\n\\nanswer\"}", "answer|reason")]
    public void String_methods_behave_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
