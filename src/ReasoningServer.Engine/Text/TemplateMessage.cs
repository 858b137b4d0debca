using ReasoningServer.Engine.Text.Jinja;

namespace ReasoningServer.Engine.Text;

/// <summary>
/// One message as a chat template sees it: the structured value a Jinja template gets (role, content,
/// tool_calls, reasoning_content, …, strings marked as data), and the same turn flattened to role and text for
/// llama.cpp's built-in families.
/// </summary>
public sealed record TemplateMessage(string Role, JinjaValue Value, string FlatContent)
{
    /// <summary>A plain text turn.</summary>
    public static TemplateMessage Text(string role, string content) =>
        new(role, JinjaValue.Dict([new("role", JinjaValue.String(role)), new("content", JinjaValue.Data(content))]), content);

    public ChatMessage Flat => new(Role, FlatContent);
}
