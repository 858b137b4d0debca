namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>How a block ended: normally, or by <c>{% break %}</c> / <c>{% continue %}</c> for the enclosing loop.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
