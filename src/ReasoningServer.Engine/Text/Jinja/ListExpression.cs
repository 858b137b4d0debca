namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A list literal <c>[a, b]</c> or a tuple <c>(a, b)</c> / <c>a, b</c>.</summary>
internal sealed class ListExpression(int position, IReadOnlyList<Expression> items, bool isTuple) : Expression(position)
{
    public IReadOnlyList<Expression> Items { get; } = items;

    public bool IsTuple { get; } = isTuple;
}
