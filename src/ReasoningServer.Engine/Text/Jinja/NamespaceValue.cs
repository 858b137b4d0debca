namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>What <c>namespace(...)</c> makes: the one object whose attributes <c>{% set ns.x = ... %}</c> may change,
/// which is how templates carry state out of loops.</summary>
internal sealed class NamespaceValue(DictValue attributes) : JinjaValue
{
    public DictValue Attributes { get; } = attributes;

    internal override string TypeName => "Namespace";

    internal override bool IsTruthy => true;
}
