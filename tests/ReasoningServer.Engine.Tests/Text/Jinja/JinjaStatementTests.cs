namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>if/elif/else, for loops and their loop variable, set, macros, call and filter blocks, generation markers, comments. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaStatementTests
{
    [Theory]
    [InlineData("{% if true %}a{% endif %}|{% if false %}a{% else %}b{% endif %}|{% if 0 %}a{% elif 1 %}b{% else %}c{% endif %}", "{}", "a|b|b")]
    [InlineData("{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}", "{\"xs\": [\"a\", \"b\", \"c\"]}", "1032truefalse3;2121falsefalse3;3210falsetrue3;")]
    [InlineData("{% for x in xs %}[{{ loop.previtem }}|{{ x }}|{{ loop.nextitem }}]{% endfor %}", "{\"xs\": [1, 2, 3]}", "[|1|2][1|2|3][2|3|]")]
    [InlineData("{% for x in xs %}{{ x }}{% else %}empty{% endfor %}", "{\"xs\": []}", "empty")]
    [InlineData("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", "{\"d\": {\"b\": 1, \"a\": 2}}", "b=1;a=2;")]
    [InlineData("{% for k in d %}{{ k }}{% endfor %}", "{\"d\": {\"b\": 1, \"a\": 2}}", "ba")]
    [InlineData("{% for x in xs if x > 1 %}{{ x }}{{ loop.index }}{{ loop.length }};{% endfor %}", "{\"xs\": [1, 2, 3]}", "212;322;")]
    [InlineData("{% for x in xs %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", "{\"xs\": [1, 2, 3, 4, 5]}", "13")]
    [InlineData("{% for x in xs %}{% for y in x %}{{ loop.index }}{{ y }}{% endfor %}|{{ loop.index }};{% endfor %}", "{\"xs\": [[\"a\", \"b\"], [\"c\"]]}", "1a2b|1;1c|2;")]
    [InlineData("{% set x = 1 %}{% set y = x + 1 %}{{ x }}{{ y }}", "{}", "12")]
    [InlineData("{% set a, b = [1, 2] %}{{ a }}{{ b }}", "{}", "12")]
    [InlineData("{% set ns = namespace(count=0, found=false) %}{% for i in range(3) %}{% set ns.count = ns.count + i %}{% endfor %}{{ ns.count }}{{ ns.found }}", "{}", "3false")]
    [InlineData("{% set x = 'outer' %}{% for i in [1] %}{% set x = 'inner' %}{{ x }}{% endfor %}{{ x }}", "{}", "innerouter")]
    [InlineData("{% set x = 0 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{% endfor %}", "{}", "01")]
    [InlineData("{% set block %}Hello {{ 'World' }}!{% endset %}[{{ block }}]", "{}", "[Hello World!]")]
    [InlineData("{% macro greet(name, greeting='Hello') %}{{ greeting }}, {{ name }}!{% endmacro %}{{ greet('Ann') }} {{ greet('Bob', 'Hi') }} {{ greet(greeting='Yo', name='Cy') }}", "{}", "Hello, Ann! Hi, Bob! Yo, Cy!")]
    [InlineData("{% macro m(a) %}{{ a }}{{ kwargs.b }}{{ varargs }}{% endmacro %}{{ m(1, 2, 3, b=4) }}", "{}", "14[2, 3]")]
    [InlineData("{% macro outer() %}<{{ caller() }}>{% endmacro %}{% call outer() %}inside{% endcall %}", "{}", "<inside>")]
    [InlineData("{% macro list(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}{% call(item) list([1, 2]) %}[{{ item }}]{% endcall %}", "{}", "[1][2]")]
    [InlineData("{% macro fact(n) %}{% if n <= 1 %}1{% else %}{{ n * fact(n - 1)|int }}{% endif %}{% endmacro %}{{ fact(5) }}", "{}", "120")]
    [InlineData("{% filter upper %}shout {{ 'this' }}{% endfilter %}", "{}", "SHOUT THIS")]
    [InlineData("{% filter replace('a', 'o') %}banana{% endfilter %}", "{}", "bonono")]
    [InlineData("a{% generation %}b{% endgeneration %}c", "{}", "abc")]
    [InlineData("a {%- generation -%} b {%- endgeneration -%} c", "{}", "abc")]
    [InlineData("{# a comment #}x{# another -#}  y", "{}", "xy")]
    public void Statements_render_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
