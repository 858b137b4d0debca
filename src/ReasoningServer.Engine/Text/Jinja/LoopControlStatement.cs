namespace ReasoningServer.Engine.Text.Jinja;

/// <summary><c>{% break %}</c> or <c>{% continue %}</c> (Jinja2's loopcontrols, which Hugging Face enables).</summary>
internal sealed class LoopControlStatement(int position, bool isBreak) : Statement(position)
{
    public bool IsBreak { get; } = isBreak;
}
