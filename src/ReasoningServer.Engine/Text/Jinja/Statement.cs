namespace ReasoningServer.Engine.Text.Jinja;

internal abstract class Statement(int position) : Node(position);
