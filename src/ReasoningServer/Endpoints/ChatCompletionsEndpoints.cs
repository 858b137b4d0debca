using System.Globalization;
using Microsoft.Extensions.Options;
using ReasoningServer.Billing;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.Tools;
using ReasoningServer.Serving;
using ReasoningServer.Streaming;

namespace ReasoningServer.Endpoints;

/// <summary><c>POST /v1/chat/completions</c>, as one JSON body or as server-sent events.</summary>
internal static class ChatCompletionsEndpoints
{
    /// <summary>How many of the oldest messages <c>truncation: "auto"</c> left out.</summary>
    public const string TruncatedMessagesHeader = "x-truncated-messages";

    public static IEndpointRouteBuilder MapChatCompletions(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/chat/completions", HandleAsync);
        return v1;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ModelHost models, IOptions<GenerationOptions> options, ILoggerFactory loggers)
    {
        var aborted = context.RequestAborted;
        var request = await JsonBody.ReadAsync(context.Request, ProtocolJson.Context.ChatCompletionRequest, aborted);
        var job = ChatRequestParser.Parse(request, models, options.Value);
        if (job.DroppedMessages > 0)
        {
            context.Response.Headers[TruncatedMessagesHeader] = job.DroppedMessages.ToString(CultureInfo.InvariantCulture);
        }

        RequestBilling.EnsureKeyMayUse(context, job);
        using var run = CompletionRun.Start(job, options.Value.RequestTimeout, job.TestTime is { } plan ? TestTimeRun.FirstLaunch(plan) : null);
        await using var billing = RequestBilling.Begin(context, job, run);
        var id = ResponseIds.New("chatcmpl");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        if (job.TestTime is not null)
        {
            // Samples become one choice: a response of its own (the report; a stream that waits for the decision).
            return await TestTimeResponses.WriteAsync(context, run, job, id, created, request, loggers.CreateLogger(nameof(ChatCompletionsEndpoints)));
        }

        if (request.Stream == true)
        {
            await SseResponse.WriteAsync(context, loggers.CreateLogger(nameof(ChatCompletionsEndpoints)),
                (sse, aborted) => StreamAsync(sse, run, job, id, created, request.StreamOptions?.IncludeUsage == true, aborted));
            return TypedResults.Empty;
        }

        var choices = await run.CollectAsync(aborted);
        return TypedResults.Json(new ChatCompletionResponse
        {
            Id = id,
            Created = created,
            Model = job.Model.Id,
            Choices = [.. choices.Select((choice, index) => ChatChoiceMapping.ToDto(choice, index, job))],
            Usage = UsageDto.From(run.Usage),
        }, ProtocolJson.Context.ChatCompletionResponse);
    }

    private static async Task StreamAsync(SseWriter sse, CompletionRun run, CompletionJob job, string id, long created, bool includeUsage, CancellationToken aborted)
    {
        var chunks = new ChatChunks(id, created, job.Model.Id, includeUsage);
        for (var i = 0; i < job.Choices; i++)
        {
            await chunks.WriteAsync(sse, new ChunkChoiceDto { Index = i, Delta = new ChunkDeltaDto { Role = "assistant", Content = string.Empty } }, aborted);
        }

        await sse.WriteAllAsync(run.ReadAllAsync(aborted), item => !item.HasText && item.Logprobs is null && item.FinishReason is null
            ? null
            : chunks.Chunk(new ChunkChoiceDto
            {
                Index = item.Index,
                Delta = new ChunkDeltaDto
                {
                    Content = NullIfEmpty(item.Content),
                    ReasoningContent = NullIfEmpty(item.Reasoning),
                    ToolCalls = item.ToolCalls is { } calls ? [.. calls.Select(ToChunk)] : null,
                },
                Logprobs = item.Logprobs is { } logprobs ? LogprobMapper.ToChat(logprobs, job.Model.Tokenizer) : null,
                FinishReason = item.FinishReason,
            }), chunks.TypeInfo, aborted);

        await chunks.WriteUsageAsync(sse, run.Usage, aborted);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static ChunkToolCallDto ToChunk(ToolCallFragment fragment) => new()
    {
        Index = fragment.Index,
        Id = fragment.Id,
        Type = fragment.Id is null ? null : "function",
        Function = new FunctionCallDto { Name = fragment.Name, Arguments = fragment.ArgumentsPiece },
    };
}
