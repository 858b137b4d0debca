using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasoningServer.Protocol.Responses;

/// <summary>The Responses API's serializer contract: the source-generated context, writing text as OpenAI does (see <see cref="ProtocolJson"/>).</summary>
internal static class ResponsesJson
{
    public static ResponsesJsonContext Context { get; } = new(new JsonSerializerOptions(ResponsesJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
