using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>
/// The serializer contract every endpoint uses: the source-generated context, writing text the way OpenAI
/// does (an apostrophe stays an apostrophe instead of becoming \u0027; this is a JSON API, never HTML).
/// </summary>
internal static class ProtocolJson
{
    public static ProtocolJsonContext Context { get; } = new(new JsonSerializerOptions(ProtocolJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
