namespace ReasoningServer.Engine.Text.Jinja;

internal abstract class Expression(int position) : Node(position);
