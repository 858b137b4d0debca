namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>undefined variables and attributes. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaUndefinedTests
{
    [Theory]
    [InlineData("[{{ missing }}][{{ missing.attr }}][{{ missing.a.b }}][{{ missing['k'] }}]", "{}", "[][][][]")]
    [InlineData("{{ 'x' if missing else 'y' }}{{ missing is defined }}{{ not missing }}", "{}", "yfalsetrue")]
    [InlineData("{{ m.reasoning_content is defined }}{{ m.content is defined }}", "{\"m\": {\"content\": \"c\"}}", "falsetrue")]
    [InlineData("{{ 'a' ~ missing ~ 'b' }}", "{}", "ab")]
    [InlineData("{{ none.attr }}|{{ 'x' in missing }}", "{}", "|false")]
    public void Undefined_values_behave_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
