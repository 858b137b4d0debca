using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol.Responses;

/// <summary>
/// Source-generated serialization of the Responses API. Apart from <see cref="ProtocolJsonContext"/> because OpenAI
/// writes a response's empty fields as <c>null</c>; unknown request fields are refused as everywhere.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ResponsesRequest))]
[JsonSerializable(typeof(ResponseDto))]
[JsonSerializable(typeof(StoredResponseDto))]
[JsonSerializable(typeof(InputItemListDto))]
[JsonSerializable(typeof(ResponseDeletedDto))]
[JsonSerializable(typeof(ResponseLifecycleEvent))]
[JsonSerializable(typeof(OutputItemEvent))]
[JsonSerializable(typeof(ContentPartEvent))]
[JsonSerializable(typeof(OutputTextDeltaEvent))]
[JsonSerializable(typeof(OutputTextDoneEvent))]
[JsonSerializable(typeof(ReasoningSummaryPartEvent))]
[JsonSerializable(typeof(ReasoningSummaryTextEvent))]
[JsonSerializable(typeof(FunctionCallArgumentsEvent))]
[JsonSerializable(typeof(StreamErrorEvent))]
internal sealed partial class ResponsesJsonContext : JsonSerializerContext;
