using Microsoft.Extensions.Options;
using ReasoningServer.Billing;
using ReasoningServer.Options;
using ReasoningServer.Protocol;
using ReasoningServer.Serving;
using ReasoningServer.Streaming;

namespace ReasoningServer.Endpoints;

/// <summary>
/// The legacy <c>POST /v1/completions</c>: a plain prompt, no template, the generated text as is
/// (thinking included), with reasoning tokens still counted in usage.
/// </summary>
internal static class CompletionsEndpoints
{
    public static IEndpointRouteBuilder MapCompletions(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/completions", HandleAsync);
        return v1;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, ModelHost models, IOptions<GenerationOptions> options, ILoggerFactory loggers)
    {
        var aborted = context.RequestAborted;
        var request = await JsonBody.ReadAsync(context.Request, ProtocolJson.Context.CompletionRequest, aborted);
        var (job, promptText) = CompletionRequestParser.Parse(request, models, options.Value);
        RequestBilling.EnsureKeyMayUse(context, job);
        using var run = CompletionRun.Start(job, options.Value.RequestTimeout);
        await using var billing = RequestBilling.Begin(context, job, run);
        var id = ResponseIds.New("cmpl");
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var echo = request.Echo == true ? promptText : string.Empty;
        CompletionResponse Response(List<CompletionChoiceDto> choices, UsageDto? usage) =>
            new() { Id = id, Created = created, Model = job.Model.Id, Choices = choices, Usage = usage };

        if (request.Stream == true)
        {
            await SseResponse.WriteAsync(context, loggers.CreateLogger(nameof(CompletionsEndpoints)), async (sse, aborted) =>
            {
                var typeInfo = ProtocolJson.Context.CompletionResponse;
                var offsets = new int[job.Choices];
                await sse.WriteAllAsync(run.ReadAllAsync(aborted), item =>
                {
                    var text = (offsets[item.Index] == 0 ? echo : string.Empty) + item.Content;
                    var logprobs = item.Logprobs is { } l ? LogprobMapper.ToLegacy(l, job.Model.Tokenizer, offsets[item.Index]) : null;
                    offsets[item.Index] += text.Length;
                    return Response([new() { Index = item.Index, Text = text, Logprobs = logprobs, FinishReason = item.FinishReason }], null);
                }, typeInfo, aborted);

                if (request.StreamOptions?.IncludeUsage == true)
                {
                    await sse.WriteAsync(Response([], UsageDto.From(run.Usage)), typeInfo, aborted);
                }
            });
            return TypedResults.Empty;
        }

        var choices = (await run.CollectAsync(aborted)).Select((choice, index) => new CompletionChoiceDto
        {
            Index = index,
            Text = echo + choice.Content,
            Logprobs = job.TopLogprobs is null ? null : LogprobMapper.ToLegacy(choice.Logprobs, job.Model.Tokenizer, echo.Length),
            FinishReason = choice.FinishReason,
        }).ToList();
        return TypedResults.Json(Response(choices, UsageDto.From(run.Usage)), ProtocolJson.Context.CompletionResponse);
    }
}
