using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.TestTime;
using ReasoningServer.Serving;
using ReasoningServer.Streaming;

namespace ReasoningServer.Endpoints;

/// <summary>
/// The response of a <c>test_time</c> chat request: one choice (the chosen sample) plus the <c>test_time</c>
/// report; usage covers every sample. A stream opens at once, sends a comment as each sample finishes, and the
/// chosen answer once the samples are decided.
/// </summary>
internal static class TestTimeResponses
{
    public static async Task<IResult> WriteAsync(
        HttpContext context, CompletionRun run, CompletionJob job, string id, long created, ChatCompletionRequest request, ILogger logger)
    {
        if (request.Stream != true)
        {
            var outcome = await TestTimeRun.RunAsync(run, job, sampleFinished: null, context.RequestAborted);
            return TypedResults.Json(new ChatCompletionResponse
            {
                Id = id,
                Created = created,
                Model = job.Model.Id,
                Choices = [new ChatChoiceDto
                {
                    Index = 0,
                    Message = new ChatResponseMessageDto
                    {
                        Content = outcome.Choice.Content,
                        ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent ? outcome.Choice.Reasoning : null,
                    },
                    Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToChat(outcome.Choice.Logprobs, job.Model.Tokenizer),
                    FinishReason = outcome.Choice.FinishReason,
                }],
                Usage = UsageDto.From(run.Usage),
                TestTime = outcome.Report,
            }, ProtocolJson.Context.ChatCompletionResponse);
        }

        var includeUsage = request.StreamOptions?.IncludeUsage == true;
        await SseResponse.WriteAsync(context, logger, (sse, aborted) => StreamAsync(sse, run, job, id, created, includeUsage, aborted));
        return TypedResults.Empty;
    }

    private static async Task StreamAsync(SseWriter sse, CompletionRun run, CompletionJob job, string id, long created, bool includeUsage, CancellationToken aborted)
    {
        JsonTypeInfo typeInfo = includeUsage ? ProtocolJson.Context.ChatCompletionChunkWithUsage : ProtocolJson.Context.ChatCompletionChunk;
        ChatCompletionChunk Chunk(ChunkChoiceDto? choice, TestTimeResultDto? report = null) => includeUsage
            ? new ChatCompletionChunkWithUsage { Id = id, Created = created, Model = job.Model.Id, Choices = choice is null ? [] : [choice], TestTime = report }
            : new ChatCompletionChunk { Id = id, Created = created, Model = job.Model.Id, Choices = choice is null ? [] : [choice], TestTime = report };

        await sse.WriteAsync(Chunk(new ChunkChoiceDto { Index = 0, Delta = new ChunkDeltaDto { Role = "assistant", Content = string.Empty } }), typeInfo, aborted);

        var finished = 0;
        var outcome = await TestTimeRun.RunAsync(run, job, sample => sse.WriteCommentAsync(Progress(sample, ++finished, job.Choices), aborted), aborted);

        var choice = outcome.Choice;
        await sse.WriteAsync(Chunk(new ChunkChoiceDto
        {
            Index = 0,
            Delta = new ChunkDeltaDto
            {
                Content = choice.Content,
                ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent && choice.Reasoning.Length > 0 ? choice.Reasoning : null,
            },
            Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToChat(choice.Logprobs, job.Model.Tokenizer),
        }), typeInfo, aborted);
        await sse.WriteAsync(Chunk(new ChunkChoiceDto { Index = 0, Delta = new ChunkDeltaDto(), FinishReason = choice.FinishReason }, outcome.Report), typeInfo, aborted);

        if (includeUsage)
        {
            await sse.WriteAsync(new ChatCompletionChunkWithUsage
            {
                Id = id, Created = created, Model = job.Model.Id, Choices = [], Usage = UsageDto.From(run.Usage),
            }, typeInfo, aborted);
        }
    }

    private static string Progress(SampleOutcome sample, int finished, int samples) => string.Create(CultureInfo.InvariantCulture,
        $"test_time sample {sample.Index} finished ({finished}/{samples}), answer: {sample.Answer ?? "(none)"}");
}
