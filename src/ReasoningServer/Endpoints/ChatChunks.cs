using System.Text.Json.Serialization.Metadata;
using ReasoningServer.Accounting.Usage;
using ReasoningServer.Protocol;
using ReasoningServer.Streaming;

namespace ReasoningServer.Endpoints;

/// <summary>
/// The chunks of one streamed chat completion. Two shapes: with <c>stream_options.include_usage</c> every chunk has
/// <c>"usage": null</c> and a last chunk carries the usage; without it there is no usage field at all.
/// </summary>
internal sealed class ChatChunks(string id, long created, string model, bool includeUsage)
{
    public JsonTypeInfo TypeInfo { get; } = includeUsage ? ProtocolJson.Context.ChatCompletionChunkWithUsage : ProtocolJson.Context.ChatCompletionChunk;

    /// <param name="choice">The chunk's choice; null: none (a chunk that only carries <paramref name="testTime"/>).</param>
    public ChatCompletionChunk Chunk(ChunkChoiceDto? choice, TestTimeResultDto? testTime = null) => includeUsage
        ? new ChatCompletionChunkWithUsage { Id = id, Created = created, Model = model, Choices = choice is null ? [] : [choice], TestTime = testTime }
        : new ChatCompletionChunk { Id = id, Created = created, Model = model, Choices = choice is null ? [] : [choice], TestTime = testTime };

    public Task WriteAsync(SseWriter sse, ChunkChoiceDto? choice, CancellationToken cancellationToken, TestTimeResultDto? testTime = null) =>
        sse.WriteAsync(Chunk(choice, testTime), TypeInfo, cancellationToken);

    /// <summary>The usage chunk, when the client asked for it.</summary>
    public async Task WriteUsageAsync(SseWriter sse, TokenUsage usage, CancellationToken cancellationToken)
    {
        if (includeUsage)
        {
            await sse.WriteAsync(new ChatCompletionChunkWithUsage
            {
                Id = id, Created = created, Model = model, Choices = [], Usage = UsageDto.From(usage),
            }, TypeInfo, cancellationToken);
        }
    }
}
