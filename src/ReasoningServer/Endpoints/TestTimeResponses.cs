using System.Globalization;
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
                Choices = [ChatChoiceMapping.ToDto(outcome.Choice, 0, job)],
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
        var chunks = new ChatChunks(id, created, job.Model.Id, includeUsage);
        await chunks.WriteAsync(sse, new ChunkChoiceDto { Index = 0, Delta = new ChunkDeltaDto { Role = "assistant", Content = string.Empty } }, aborted);

        var finished = 0;
        var outcome = await TestTimeRun.RunAsync(run, job, sample => sse.WriteCommentAsync(Progress(sample, ++finished, job.Choices), aborted), aborted);

        var choice = outcome.Choice;
        await chunks.WriteAsync(sse, new ChunkChoiceDto
        {
            Index = 0,
            Delta = new ChunkDeltaDto
            {
                Content = choice.Content,
                ReasoningContent = job.Display == ReasoningDisplay.ReasoningContent && choice.Reasoning.Length > 0 ? choice.Reasoning : null,
            },
            Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToChat(choice.Logprobs, job.Model.Tokenizer),
        }, aborted);
        await chunks.WriteAsync(sse, new ChunkChoiceDto { Index = 0, Delta = new ChunkDeltaDto(), FinishReason = choice.FinishReason }, aborted, outcome.Report);
        await chunks.WriteUsageAsync(sse, run.Usage, aborted);
    }

    private static string Progress(SampleOutcome sample, int finished, int samples) => string.Create(CultureInfo.InvariantCulture,
        $"test_time sample {sample.Index} finished ({finished}/{samples}), answer: {sample.Answer ?? "(none)"}");
}
