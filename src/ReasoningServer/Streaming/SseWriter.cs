using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ReasoningServer.Streaming;

/// <summary>
/// Writes server-sent events the way OpenAI does: chat completions' <c>data: {json}</c> per event and
/// <c>data: [DONE]</c> at the end; the Responses API's named events (<see cref="WriteNamed"/>). Events are flushed as soon as the producer has nothing more ready (see
/// <see cref="WriteAllAsync{T}"/>): one write per token when the client keeps up, several per write when it does not.
/// </summary>
internal sealed class SseWriter
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventPrefix = "event: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private readonly HttpResponse _response;
    private Utf8JsonWriter? _json;

    public SseWriter(HttpResponse response)
    {
        _response = response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Tell reverse proxies (nginx) not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one event and flushes it.</summary>
    /// <param name="typeInfo">The contract of <paramref name="payload"/>'s runtime type.</param>
    public async Task WriteAsync(object payload, JsonTypeInfo typeInfo, CancellationToken cancellationToken)
    {
        Write(payload, typeInfo);
        await _response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes an event for each item <paramref name="toEvent"/> maps to a payload (null skips it), flushing
    /// whenever the next item is not already available, so events that are ready together go out in one write.
    /// </summary>
    public async Task WriteAllAsync<T>(IAsyncEnumerable<T> items, Func<T, object?> toEvent, JsonTypeInfo typeInfo, CancellationToken cancellationToken)
    {
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        var unflushed = false;
        while (true)
        {
            var next = enumerator.MoveNextAsync();
            if (unflushed && !next.IsCompleted)
            {
                await _response.BodyWriter.FlushAsync(cancellationToken);
                unflushed = false;
            }

            if (!await next)
            {
                break;
            }

            if (toEvent(enumerator.Current) is { } payload)
            {
                Write(payload, typeInfo);
                unflushed = true;
            }
        }

        if (unflushed)
        {
            await _response.BodyWriter.FlushAsync(cancellationToken);
        }
    }

    /// <summary>Writes one named event (<c>event: name</c> before its data, as the Responses API streams), unflushed.</summary>
    public void WriteNamed(string name, object payload, JsonTypeInfo typeInfo)
    {
        _response.BodyWriter.Write(EventPrefix);
        _response.BodyWriter.Write(Encoding.UTF8.GetBytes(name));
        _response.BodyWriter.Write("\n"u8);
        Write(payload, typeInfo);
    }

    public async Task FlushAsync(CancellationToken cancellationToken) => await _response.BodyWriter.FlushAsync(cancellationToken);

    /// <summary>An SSE comment (": text"), which clients ignore: progress of a response that has no chunk to send yet.</summary>
    public async Task WriteCommentAsync(string text, CancellationToken cancellationToken)
    {
        _response.BodyWriter.Write(Encoding.UTF8.GetBytes(": " + text.ReplaceLineEndings(" ") + "\n\n"));
        await _response.BodyWriter.FlushAsync(cancellationToken);
    }

    public async Task WriteDoneAsync(CancellationToken cancellationToken)
    {
        _response.BodyWriter.Write(Done);
        await _response.BodyWriter.FlushAsync(cancellationToken);
    }

    private void Write(object payload, JsonTypeInfo typeInfo)
    {
        var body = _response.BodyWriter;
        body.Write(DataPrefix);
        // One JSON writer per stream, reset onto the body for each event, rather than one per token.
        if (_json is null)
        {
            _json = new Utf8JsonWriter(body);
        }
        else
        {
            _json.Reset(body);
        }

        JsonSerializer.Serialize(_json, payload, typeInfo);
        _json.Flush();
        body.Write(EventEnd);
    }
}
