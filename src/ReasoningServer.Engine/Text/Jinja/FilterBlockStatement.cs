namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% filter name(arguments) %}body{% endfilter %}</c>: outputs the body's text passed through the filter.</summary>
internal sealed class FilterBlockStatement(int position, FilterExpression filter, IReadOnlyList<Statement> body) : Statement(position)
{
    public FilterExpression Filter { get; } = filter;

    public IReadOnlyList<Statement> Body { get; } = body;
}
