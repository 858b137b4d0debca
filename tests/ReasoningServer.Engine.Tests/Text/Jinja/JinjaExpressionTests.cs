namespace ReasoningServer.Engine.Tests.Text.Jinja;

/// <summary>literals, operators, member access, slices and conditional expressions. The theory's expected outputs were produced by @huggingface/jinja 0.5.13.</summary>
public sealed class JinjaExpressionTests
{
    [Theory]
    [InlineData("{{ 'it\\'s' }}{{ \"say \\\"hi\\\"\" }}{{ 'tab\\there' }}{{ '\\u00e9\\x41' }}{{ 'a\\\\b' }}", "{}", "it'ssay \"hi\"tab\thereéAa\\b")]
    [InlineData("{{ 'con' 'cat' }}", "{}", "concat")]
    [InlineData("{{ 1 }}{{ -1 }}{{ 1.5 }}{{ 2.0 }}{{ -0.25 }}{{ 10 / 4 }}{{ 10 // 4 }}{{ 10 % 4 }}{{ 2 ** 10 }}{{ 7 / 7 }}", "{}", "1-11.52.0-0.252.52210241.0")]
    [InlineData("{{ 1 + 2 * 3 }}{{ (1 + 2) * 3 }}{{ 2 - 3 - 4 }}{{ 1 + 2.5 }}{{ 3 * 1.0 }}{{ 7.5 // 2 }}", "{}", "79-53.53.03.0")]
    [InlineData("{{ 'a' ~ 1 ~ true ~ 2.5 }}|{{ 'a' + 'b' }}|{{ 'n' + 1 }}|{{ [1, 2] + [3] }}", "{}", "a1true2.5|ab|n1|[1, 2, 3]")]
    [InlineData("{{ 1 == 1 }}{{ 1 == 1.0 }}{{ 'a' != 'b' }}{{ 2 > 1 }}{{ 2 >= 2 }}{{ 1 < 0 }}{{ 1 <= 1 }}", "{}", "truetruetruetruetruefalsetrue")]
    [InlineData("{{ true and false }}{{ true or false }}{{ not true }}{{ 0 or 'x' }}{{ 'y' and 'z' }}{{ not 0 }}", "{}", "falsetruefalsexztrue")]
    [InlineData("{{ 'b' in 'abc' }}{{ 'd' not in 'abc' }}{{ 2 in [1, 2] }}{{ 'k' in {'k': 1} }}{{ 3 not in [1] }}", "{}", "truetruetruetruetrue")]
    [InlineData("{{ 'yes' if 1 else 'no' }}{{ 'yes' if 0 else 'no' }}[{{ 'x' if false }}]", "{}", "yesno[]")]
    [InlineData("{{ m.role }}{{ m['content'] }}{{ m.missing }}{{ m['missing'] }}", "{\"m\": {\"role\": \"user\", \"content\": \"hi\"}}", "userhi")]
    [InlineData("{{ xs[0] }}{{ xs[-1] }}{{ xs[1:] }}{{ xs[:2] }}{{ xs[::-1] }}{{ xs[::2] }}{{ xs[5] }}", "{\"xs\": [1, 2, 3, 4]}", "14[2, 3, 4][1, 2][4, 3, 2, 1][1, 3]")]
    [InlineData("{{ 'hello'[1:3] }}{{ 'hello'[::-1] }}{{ 'hello'[-3:] }}{{ 'hello'[0] }}", "{}", "elollehlloh")]
    [InlineData("{{ none }}|{{ true }}|{{ false }}|{{ True }}|{{ None }}", "{}", "|true|false|true|")]
    [InlineData("{{ {'a': {'b': 1}} }}", "{}", "{\"a\": {\"b\": 1}}")]
    [InlineData("{{ range(3) }}{{ range(1, 4) }}{{ range(10, 0, -3) }}", "{}", "[0, 1, 2][1, 2, 3][10, 7, 4, 1]")]
    [InlineData("{{ namespace(a=1).a }}", "{}", "1")]
    [InlineData("{{ -(1 + 2) }}{{ +3 }}{{ - 2 }}", "{}", "-33-2")]
    public void Expressions_evaluate_like_the_reference(string template, string variablesJson, string expected) =>
        Assert.Equal(expected, JinjaRender.Text(template, variablesJson));
}
