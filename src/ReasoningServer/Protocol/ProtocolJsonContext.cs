using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>Source-generated serialization for every wire type: no reflection, snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    // A field this server does not know is refused with a 400 that names it, never silently ignored.
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ChatCompletionChunkWithUsage))]
[JsonSerializable(typeof(CompletionRequest))]
[JsonSerializable(typeof(CompletionResponse))]
[JsonSerializable(typeof(ModelListDto))]
[JsonSerializable(typeof(ModelDto))]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProtocolJsonContext : JsonSerializerContext;
