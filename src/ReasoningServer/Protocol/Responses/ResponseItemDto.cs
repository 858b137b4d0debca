using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>An item of a response's output or of its input, told apart by <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MessageItemDto), "message")]
[JsonDerivedType(typeof(ReasoningItemDto), "reasoning")]
[JsonDerivedType(typeof(FunctionCallItemDto), "function_call")]
[JsonDerivedType(typeof(FunctionCallOutputItemDto), "function_call_output")]
internal abstract class ResponseItemDto
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public required string Id { get; init; }
}
