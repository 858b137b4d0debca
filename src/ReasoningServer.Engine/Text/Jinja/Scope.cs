namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// Variables of one level: the globals, the host's variables, a for loop (one scope for all its iterations, as in
/// the reference), or a macro call. Lookups walk outwards.
/// </summary>
internal sealed class Scope(Scope? parent)
{
    private Dictionary<string, JinjaValue>? _variables;

    public JinjaValue Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._variables is not null && scope._variables.TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return UndefinedValue.Named(name);
    }

    public Scope? Parent { get; } = parent;

    public void Set(string name, JinjaValue value) => (_variables ??= new Dictionary<string, JinjaValue>(StringComparer.Ordinal))[name] = value;
}
