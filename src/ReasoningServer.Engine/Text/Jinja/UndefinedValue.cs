namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>
/// A missing variable, attribute or item. As with Hugging Face's chat templates, its attributes are undefined too,
/// so <c>message.reasoning_content is defined</c> works whatever the message holds.
/// </summary>
internal sealed class UndefinedValue : JinjaValue
{
    public static readonly UndefinedValue Instance = new(null);

    private UndefinedValue(string? name)
    {
        Name = name;
    }

    /// <summary>The name that was looked up, when known, for error messages.</summary>
    public string? Name { get; }

    internal override string TypeName => "undefined";

    internal override bool IsTruthy => false;

    public static UndefinedValue Named(string name) => new(name);

    public string Describe() => Name is null ? "an undefined value" : $"'{Name}' (undefined)";
}
