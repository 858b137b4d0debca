namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% macro name(parameters) %}</c>; also the body of a <c>{% call %}</c> block, which is an unnamed macro.</summary>
internal sealed class MacroStatement(int position, string name, IReadOnlyList<Parameter> parameters, IReadOnlyList<Statement> body, MacroNames usedNames)
    : Statement(position)
{
    public string Name { get; } = name;

    public IReadOnlyList<Parameter> Parameters { get; } = parameters;

    public IReadOnlyList<Statement> Body { get; } = body;

    /// <summary>Which of <c>caller</c>, <c>kwargs</c>, <c>varargs</c> the body uses: as in Jinja2 they decide
    /// whether the macro accepts a caller and extra arguments.</summary>
    public MacroNames UsedNames { get; } = usedNames;
}
