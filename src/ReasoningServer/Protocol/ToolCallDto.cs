namespace ReasoningServer.Protocol;

/// <summary>A call the model made: in a response's <c>message.tool_calls</c>, and in an assistant message sent back as history.</summary>
internal sealed class ToolCallDto
{
    public string? Id { get; set; }

    public string? Type { get; set; }

    public FunctionCallDto? Function { get; set; }
}
