using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>
/// Source-generated serialization of the extension endpoints the web UI reads (status, key list, UI config).
/// Empty fields are written as <c>null</c>, so a client sees every field of the documented shape.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ServerStatusDto))]
[JsonSerializable(typeof(ApiKeyListDto))]
[JsonSerializable(typeof(WebUIConfigDto))]
internal sealed partial class WebUIJsonContext : JsonSerializerContext;
