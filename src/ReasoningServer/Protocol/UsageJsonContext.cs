using System.Text.Json.Serialization;

namespace ReasoningServer.Protocol;

/// <summary>
/// Source-generated serialization of the usage and costs pages. Apart from <see cref="ProtocolJsonContext"/>
/// because OpenAI writes these objects' empty fields as <c>null</c> instead of leaving them out.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(UsagePageDto<UsageResultDto>))]
[JsonSerializable(typeof(UsagePageDto<CostResultDto>))]
internal sealed partial class UsageJsonContext : JsonSerializerContext;
