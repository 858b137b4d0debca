using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>
/// Constructs the reference (@huggingface/jinja) rejects but Python's Jinja2 accepts; the expected outputs are
/// Jinja2's, printed the reference's way (<c>true</c>, JSON lists).
/// </summary>
public sealed class JinjaBeyondReferenceTests
{
    [Theory]
    [InlineData("{% raw %}{{ not evaluated }}{% endraw %}", "{{ not evaluated }}")]
    [InlineData("a {%- raw -%} {{ x }} {%- endraw -%} b", "a{{ x }}b")]
    [InlineData("{{ [1, 2] | count }}{{ 'abc'.rsplit('b') }}|{{ 'a b c'.rsplit(None, 1) }}", "2[\"a\", \"c\"]|[\"a b\", \"c\"]")]
    [InlineData("{{ '{} and {name}'.format(1, name='x') }}|{{ '%s=%d' % ('a', 3) }}|{{ '%05.1f' % 3.14159 }}|{{ '%(k)s!' % {'k': 'v'} }}", "1 and x|a=3|003.1|v!")]
    [InlineData("{{ '{:>5}|{:<3}|{:.2f}|{{}}'.format('ab', 'c', 2.5) }}", "   ab|c  |2.50|{}")]
    [InlineData("{{ '-' * 3 }}{{ [0] * 2 }}", "---[0, 0]")]
    [InlineData("{% set xs = [] %}{% set _ = xs.append(1) %}{% set _ = xs.append(2) %}{{ xs.pop(0) }}{{ xs }}", "1[2]")]
    [InlineData("{% for x in missing %}x{% else %}none{% endfor %}|{{ missing | default }}|{{ 9 is divisibleby 3 }}{{ 2 is eq(2) }}{{ 2 is equalto 3 }}", "none||truetruefalse")]
    [InlineData("{% for x in 'abc' %}{{ loop.cycle('o', 'e') }}{{ x }}{% endfor %}", "oaeboc")]
    [InlineData("{{ 1e3 }}{{ 2.5e-5 }}{{ 1e16 }}", "1000.02.5e-051e+16")]
    [InlineData("{% set d = {'items': [1], 'k': 2} %}{% for k, v in d.items() %}{{ k }}{% endfor %}{{ d.items | length }}", "itemsk1")]
    [InlineData("{{ dict(a=1, b=2) | tojson }}{{ 'hello'.find('l') }}{{ 'hello'.count('l') }}{{ '12'.isdigit() }}", "{\"a\": 1, \"b\": 2}22true")]
    [InlineData("{{ 'a\nb\r\nc'.splitlines() | length }}{{ 'Hello'.removeprefix('He') }}{{ 3.7 | round }}{{ 2.5 | round }}{{ 3.14159 | round(2) }}", "3llo4.02.03.14")]
    [InlineData("{{ [3, 1, 2] | max }}{{ [3, 1, 2] | min }}{{ [1, 2, 3] | sum }}{{ [1, 2, 3] | batch(2) | list | length }}{{ 'a b c' | wordcount }}", "31623")]
    [InlineData("{{ ['a', 'A', 'b'] | unique | list | length }}{{ '<a & b>' | e }}{{ '<p>x</p> y' | striptags }}", "2&lt;a &amp; b&gt;x y")]
    [InlineData("{{ [1, 2, 3, 4] | select('odd') | list | length }}{{ [1, 2, 3, 4] | reject('odd') | list | length }}{{ ['a', 'b'] | map('upper') | join }}", "22AB")]
    [InlineData("{{ 'x' | float }}{{ '1e3' | float }}{{ 10 | float }}{{ '0x1A' | int(0, 16) }}", "0.01000.010.026")]
    [InlineData("{{ ('a', 'b') | join }}{{ 'A' ~ none }}", "abANone")]
    [InlineData("{% macro f(a, b=a) %}{{ b }}{% endmacro %}{{ f(5) }}", "5")]
    [InlineData("{{ 'ab' | reverse }}{{ 'abc' | first }}{{ 'abc' | last }}{{ 'abc' | list | length }}", "baac3")]
    [InlineData("{{ 7 % -3 }}{{ -7 % 3 }}{{ -7 // 2 }}{{ 2 ** 0.5 > 1.41 }}", "-22-4true")]
    [InlineData("{{ 1.5 is float }}{{ 1 is float }}{{ 'x' is in ['x'] }}{{ 2 is gt 1 }}", "truefalsetruetrue")]
    [InlineData("{{ (1, 2) }}{{ () }}{{ [1, 'a', [true, none]] }}", "[1, 2][][1, \"a\", [true, null]]")]
    [InlineData("{{ 'a\\d' }}", "a\\d")]
    [InlineData("{% set m = {0: 'zero', 1: 'one', none: 'n'} %}{{ m[0] }}{{ m[1.0] }}{{ m[true] }}{{ m[none] }}{{ 0 in m }}{{ m | tojson }}", "zerooneonentrue{\"0\": \"zero\", \"1\": \"one\", \"null\": \"n\"}")]
    public void Renders_as_Jinja2_does(string template, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template));

    [Fact]
    public void Lists_from_the_host_cannot_be_changed()
    {
        var error = Assert.Throws<JinjaRenderException>(() =>
            JinjaRender.Text("{% set _ = xs.append(3) %}", "{\"xs\": [1, 2]}"));
        Assert.Contains("append() cannot change a list the host supplied", error.Message);
    }

    [Fact]
    public void Calling_a_method_prefers_the_method_over_a_key_of_the_same_name()
    {
        // The reference looks keys up first even for calls, so it cannot call items() on a JSON schema with an "items" key.
        Assert.Equal("type,items", JinjaRender.Text("{{ s.items() | map('first') | join(',') }}", "{\"s\": {\"type\": \"array\", \"items\": {\"type\": \"string\"}}}"));
    }
}
