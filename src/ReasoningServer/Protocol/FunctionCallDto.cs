namespace ReasoningServer.Protocol;

internal sealed class FunctionCallDto
{
    public string? Name { get; set; }

    /// <summary>The arguments as a JSON text, as OpenAI sends them (a string, not an object).</summary>
    public string? Arguments { get; set; }
}
