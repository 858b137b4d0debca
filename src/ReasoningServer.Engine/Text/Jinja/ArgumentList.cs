namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>The arguments written in a call: positional, <c>*spread</c>, <c>name=value</c> and <c>**spread</c>.</summary>
internal sealed class ArgumentList(
    IReadOnlyList<Expression> positional,
    Expression? spread,
    IReadOnlyList<KeyValuePair<string, Expression>> keyword,
    Expression? keywordSpread)
{
    public static readonly ArgumentList Empty = new([], null, [], null);

    public IReadOnlyList<Expression> Positional { get; } = positional;

    public Expression? Spread { get; } = spread;

    public IReadOnlyList<KeyValuePair<string, Expression>> Keyword { get; } = keyword;

    public Expression? KeywordSpread { get; } = keywordSpread;
}
