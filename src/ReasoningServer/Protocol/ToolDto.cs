namespace ReasoningServer.Protocol;

/// <summary>One entry of <c>tools</c>: <c>{"type": "function", "function": {...}}</c>, the only tool type this server runs.</summary>
internal sealed class ToolDto
{
    public string? Type { get; set; }

    public FunctionDefinitionDto? Function { get; set; }
}
