namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>the <c>is</c> tests. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaIsTestTests
{
    [Theory]
    [InlineData("{{ x is defined }}{{ y is defined }}{{ y is undefined }}{{ n is none }}{{ n is not none }}", "{\"x\": 1, \"n\": null}", "truefalsetruetruefalse")]
    [InlineData("{{ {} is mapping }}{{ [] is mapping }}{{ [] is iterable }}{{ 'a' is iterable }}{{ [] is sequence }}{{ 'a' is sequence }}", "{}", "truefalsetruetruetruetrue")]
    [InlineData("{{ true is true }}{{ false is false }}{{ 1 is true }}{{ 3 is odd }}{{ 4 is even }}{{ 'abc' is lower }}{{ 'ABC' is upper }}", "{}", "truetruefalsetruetruetruetrue")]
    [InlineData("{{ raise_exception is callable }}{{ 1 is callable }}", "{}", "truefalse")]
    public void Tests_behave_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
