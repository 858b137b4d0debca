using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>A function the model may call: its name, what it does, and its arguments as a JSON Schema.</summary>
internal sealed class FunctionDefinitionDto
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    /// <summary>A JSON Schema object; absent means a function without arguments.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>True: the arguments are guaranteed to follow <see cref="Parameters"/> (enforced with a grammar).</summary>
    public bool? Strict { get; set; }
}
