using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary><c>response.function_call_arguments.delta</c> (with <see cref="Delta"/>) / <c>.done</c> (with <see cref="Arguments"/> and <see cref="Name"/>).</summary>
internal sealed class FunctionCallArgumentsEvent : ResponseStreamEvent
{
    public required string ItemId { get; init; }

    public required int OutputIndex { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Delta { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Arguments { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}
