using System.Text.Json.Serialization;

namespace ReasoningServer.Serving.Responses;

/// <summary>Serialises the small dictionaries that rewrite a Responses tool_choice into chat's shape.</summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(List<object>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ResponsesPlainJsonContext : JsonSerializerContext;
