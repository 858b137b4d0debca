using System.Text.Json;

namespace ReasoningServer.Serving.StructuredOutputs;

/// <summary>What the visible answer must be: free text, any JSON object, or JSON following <see cref="Schema"/>.</summary>
internal sealed record OutputFormat(OutputFormatKind Kind, string? Name = null, JsonElement? Schema = null)
{
    public static OutputFormat Text { get; } = new(OutputFormatKind.Text);
}
