using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReasoningServer.Streaming;

/// <summary>
/// Writes server-sent events the way OpenAI does: <c>data: {json}</c> per event, <c>data: [DONE]</c> at the
/// end, no event names. Each event is flushed so tokens reach the client as they are generated.
/// </summary>
internal sealed class SseWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private readonly HttpResponse _response;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tell reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <param name="typeInfo">The contract of <paramref name="payload"/>'s runtime type.</param>
    public async Task WriteAsync(object payload, JsonTypeInfo typeInfo, CancellationToken cancellationToken)
    {
        var body = _response.BodyWriter;
        body.Write(DataPrefix);
        using (var json = new Utf8JsonWriter(body))
        {
            JsonSerializer.Serialize(json, payload, typeInfo);
        }

        body.Write(EventEnd);
        await body.FlushAsync(cancellationToken);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        _response.BodyWriter.Write(Done);
        await _response.BodyWriter.FlushAsync(cancellationToken);
    }
}
