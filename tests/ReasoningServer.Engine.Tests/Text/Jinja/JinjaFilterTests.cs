namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>filters, tojson first. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaFilterTests
{
    [Theory]
    [InlineData("{{ x | tojson }}", "{\"x\": {\"name\": \"get\", \"args\": [1, 2.5, true, null, \"s\\\"q\"], \"nested\": {}, \"empty\": []}}", "{\"name\": \"get\", \"args\": [1, 2.5, true, null, \"s\\\"q\"], \"nested\": {}, \"empty\": []}")]
    [InlineData("{{ x | tojson(indent=2) }}", "{\"x\": {\"a\": [1, {\"b\": null}], \"c\": \"d\", \"e\": [], \"f\": {}}}", "{\n  \"a\": [\n    1,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": \"d\",\n  \"e\": [],\n  \"f\": {}\n}")]
    [InlineData("{{ x | tojson(separators=(',', ':')) }}|{{ x | tojson(sort_keys=true) }}", "{\"x\": {\"b\": [1, 2], \"a\": \"é😀\"}}", "{\"b\":[1,2],\"a\":\"é😀\"}|{\"a\": \"é😀\", \"b\": [1, 2]}")]
    [InlineData("{{ x | tojson(ensure_ascii=true) }}", "{\"x\": \"é😀\\u0001\"}", "\"\\u00e9\\ud83d\\ude00\\u0001\"")]
    [InlineData("{{ [1, 2, 3] | first }}{{ [1, 2, 3] | last }}{{ [3, 1, 2] | sort }}{{ [3, 1, 2] | sort(reverse=true) }}{{ ['b', 'A', 'c'] | sort }}", "{}", "13[1, 2, 3][3, 2, 1][\"A\", \"b\", \"c\"]")]
    [InlineData("{{ [1, 2, 3] | join(', ') }}|{{ ['a', 'b'] | join }}|{{ 'abc' | join('-') }}", "{}", "1, 2, 3|ab|a-b-c")]
    [InlineData("{{ missing | default('fallback') }}|{{ '' | default('empty', true) }}|{{ 'set' | default('x') }}|{{ none | default('n') }}|{{ 0 | default('z', boolean=true) }}", "{}", "fallback|empty|set||z")]
    [InlineData("{{ {'a': 1, 'b': 2} | items }}{% for k, v in {'x': 1} | items %}{{ k }}{{ v }}{% endfor %}", "{}", "[[\"a\", 1], [\"b\", 2]]x1")]
    [InlineData("{{ tools | selectattr('type', 'equalto', 'function') | map(attribute='function.name') | list }}", "{\"tools\": [{\"type\": \"function\", \"function\": {\"name\": \"a\"}}, {\"type\": \"other\", \"function\": {\"name\": \"b\"}}]}", "[\"a\"]")]
    [InlineData("{{ ms | rejectattr('role', 'equalto', 'system') | map(attribute='content') | join(',') }}", "{\"ms\": [{\"role\": \"system\", \"content\": \"s\"}, {\"role\": \"user\", \"content\": \"u\"}]}", "u")]
    [InlineData("{{ ms | selectattr('tool_calls', 'defined') | list | length }}|{{ ms | selectattr('content') | list | length }}", "{\"ms\": [{\"content\": \"\", \"tool_calls\": []}, {\"content\": \"x\"}]}", "1|1")]
    [InlineData("{{ 'a\\nb\\n\\nc' | indent }}|{{ 'a\\nb' | indent(2, true) }}|{{ 'a\\n\\nb' | indent(width=2, blank=true) }}|{{ 'x\\ny' | indent('> ') }}", "{}", "a\n    b\n\n    c|  a\n  b|a\n  \n  b|x\n> y")]
    [InlineData("{{ 'hello world' | upper }}{{ 'HELLO' | lower }}{{ 'hello world' | title }}{{ 'hello' | capitalize }}{{ 'aaa' | replace('a', 'b') }}", "{}", "HELLO WORLDhelloHello WorldHellobbb")]
    [InlineData("{{ [1, 2] | list }}{{ 42 | string }}{{ '42' | int + 1 }}{{ '3.5' | float }}{{ 3.9 | int }}{{ -5 | abs }}{{ 'x' | int }}", "{}", "[1, 2]42433.5350")]
    [InlineData("{{ [1, 2, 1, 3] | unique | list }}{{ [1, 2, 3] | reverse | list }}", "{}", "[1, 2, 3][3, 2, 1]")]
    [InlineData("{{ {'b': 1, 'a': 2} | dictsort }}", "{}", "[[\"a\", 2], [\"b\", 1]]")]
    [InlineData("{{ '<b>' | safe }}", "{}", "<b>")]
    [InlineData("{{ true | string }}{{ 2.5 | string }}{{ [1, 'a'] | string }}", "{}", "true2.5[1, \"a\"]")]
    public void Filters_behave_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
