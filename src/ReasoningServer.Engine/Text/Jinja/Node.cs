namespace ReasoningServer.Engine.Text.Jinja;

/// <summary>A piece of the parsed template; <see cref="Position"/> is its offset in the preprocessed text.</summary>
internal abstract class Node(int position)
{
    public int Position { get; } = position;
}
