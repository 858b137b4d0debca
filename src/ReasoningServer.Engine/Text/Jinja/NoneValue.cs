namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>Python's None (<c>none</c> in templates).</summary>
internal sealed class NoneValue : JinjaValue
{
    public static readonly NoneValue Instance = new();

    private NoneValue()
    {
    }

    internal override string TypeName => "NoneType";

    internal override bool IsTruthy => false;
}
