using System.Globalization;
using Microsoft.Extensions.Options;
using ReasoningServer.Auth;
using ReasoningServer.Billing;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Protocol.Responses;
using ReasoningServer.Serving;
using ReasoningServer.Serving.Responses;
using ReasoningServer.Streaming;

namespace ReasoningServer.Endpoints;

/// <summary>
/// The Responses API: <c>POST /v1/responses</c> on the same engine, splitter, budgets, ledger and rate limits as chat
/// completions, and the stored responses of the caller's key: <c>GET</c> / <c>DELETE /v1/responses/{id}</c>,
/// <c>GET /v1/responses/{id}/input_items</c>.
/// </summary>
internal static partial class ResponsesEndpoints
{
    public static IEndpointRouteBuilder MapResponseCreation(this IEndpointRouteBuilder v1)
    {
        v1.MapPost("/responses", CreateAsync);
        return v1;
    }

    public static IEndpointRouteBuilder MapStoredResponses(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/responses/{id}", GetAsync);
        v1.MapDelete("/responses/{id}", DeleteAsync);
        v1.MapGet("/responses/{id}/input_items", InputItemsAsync);
        v1.MapPost("/responses/{id}/cancel", CancelAsync);
        return v1;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, ModelHost models, IOptions<GenerationOptions> options, IResponseStore store, ReasoningSeal seal, ILoggerFactory loggers)
    {
        var aborted = context.RequestAborted;
        var request = await JsonBody.ReadAsync(context.Request, ResponsesJson.Context.ResponsesRequest, aborted);
        var job = await ResponsesRequestParser.ParseAsync(request, models, options.Value, store, seal, KeyId(context), aborted);
        var completion = job.Completion;
        RequestBilling.EnsureKeyMayUse(context, completion);
        using var run = CompletionRun.Start(completion, options.Value.RequestTimeout);
        await using var billing = RequestBilling.Begin(context, completion, run);
        var logger = loggers.CreateLogger(nameof(ResponsesEndpoints));
        var output = new ResponseOutputBuilder(job, seal, completion.Model.Tokenizer);

        if (request.Stream == true)
        {
            await ResponseEventStream.WriteAsync(context, logger, job.Response, (emit, cancellationToken) =>
                GenerateAsync(job, run, output, store, logger, emit, cancellationToken));
            return TypedResults.Empty;
        }

        await GenerateAsync(job, run, output, store, logger, emit: null, aborted);
        return TypedResults.Json(job.Response, ResponsesJson.Context.ResponseDto);
    }

    /// <summary>Runs the completion into the response's output, completes the response (usage, status) and stores it
    /// before the client sees it complete, so that <c>previous_response_id</c> finds it at once.</summary>
    private static async Task GenerateAsync(ResponsesJob job, CompletionRun run, ResponseOutputBuilder output, IResponseStore store, ILogger logger,
        Func<List<ResponseStreamEvent>, CancellationToken, Task>? emit, CancellationToken cancellationToken)
    {
        var events = emit is null ? null : new List<ResponseStreamEvent>();
        await foreach (var item in run.ReadAllAsync(cancellationToken))
        {
            await output.AddAsync(item, events, cancellationToken);
            if (events is { Count: > 0 })
            {
                await emit!(events, cancellationToken);
                events.Clear();
            }
        }

        var incomplete = run.FinishReasons[0] == "length";
        await output.FinishAsync(incomplete, events, cancellationToken);
        var response = job.Response;
        response.Output = output.Output;
        response.Status = incomplete ? "incomplete" : "completed";
        response.IncompleteDetails = incomplete ? new IncompleteDetailsDto("max_output_tokens") : null;
        response.Usage = ResponseUsageDto.From(run.Usage);
        if (response.Store)
        {
            try
            {
                await store.SaveAsync(new StoredResponseDto { Response = response, Input = job.Input, Thinking = output.Thinking }, job.ApiKeyId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The answer was generated and billed: the client gets it, told that it was not kept.
                LogNotStored(logger, e, response.Id);
                response.Store = false;
            }
        }

        if (events is not null)
        {
            events.Add(new ResponseLifecycleEvent { Type = incomplete ? "response.incomplete" : "response.completed", Response = response });
            await emit!(events, cancellationToken);
        }
    }

    private static async Task<IResult> GetAsync(HttpContext context, string id, IResponseStore store)
    {
        if (context.Request.Query.TryGetValue("stream", out var stream) && stream == "true")
        {
            throw OpenAIException.InvalidRequest("Replaying a stored response as a stream is not supported.", "stream", "unsupported_parameter");
        }

        var stored = await FindAsync(context, id, store);
        return TypedResults.Json(stored.Response, ResponsesJson.Context.ResponseDto);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string id, IResponseStore store) =>
        await store.DeleteAsync(id, KeyId(context), context.RequestAborted)
            ? TypedResults.Json(new ResponseDeletedDto { Id = id }, ResponsesJson.Context.ResponseDeletedDto)
            : throw NotFound(id);

    private static async Task<IResult> InputItemsAsync(HttpContext context, string id, IResponseStore store)
    {
        var query = context.Request.Query;
        var limit = query.TryGetValue("limit", out var l) ? int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n
            : throw OpenAIException.InvalidRequest($"Invalid 'limit': '{l}'. It must be between 1 and 100.", "limit", "invalid_value") : 20;
        var order = query.TryGetValue("order", out var o) ? o.ToString() : "desc";
        if (order is not ("asc" or "desc"))
        {
            throw OpenAIException.InvalidRequest($"Invalid 'order': '{order}'. Supported values are: 'asc', 'desc'.", "order", "invalid_value");
        }

        var stored = await FindAsync(context, id, store);
        IEnumerable<ResponseItemDto> items = order == "asc" ? stored.Input : Enumerable.Reverse(stored.Input);
        if (query.TryGetValue("after", out var after) && after.ToString() is { Length: > 0 } cursor)
        {
            items = items.SkipWhile(i => i.Id != cursor).Skip(1);
        }

        var page = items.Take(limit + 1).ToList();
        var data = page.Take(limit).ToList();
        return TypedResults.Json(new InputItemListDto { Data = data, FirstId = data.FirstOrDefault()?.Id, LastId = data.LastOrDefault()?.Id, HasMore = page.Count > limit },
            ResponsesJson.Context.InputItemListDto);
    }

    private static async Task<IResult> CancelAsync(HttpContext context, string id, IResponseStore store)
    {
        await FindAsync(context, id, store);
        throw OpenAIException.InvalidRequest("Only background responses can be cancelled, and this server runs none.", null, "invalid_value");
    }

    private static async Task<StoredResponseDto> FindAsync(HttpContext context, string id, IResponseStore store) =>
        await store.FindAsync(id, KeyId(context), context.RequestAborted) ?? throw NotFound(id);

    /// <summary>Another key's response is answered exactly like a missing one.</summary>
    private static OpenAIException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, "invalid_request_error", $"Response with id '{id}' not found.", null, "response_not_found");

    private static string KeyId(HttpContext context) => context.Features.Get<ApiKeyFeature>()?.Key?.Id ?? string.Empty;

    [LoggerMessage(Level = LogLevel.Error, Message = "Response {ResponseId} was generated but could not be stored")]
    private static partial void LogNotStored(ILogger logger, Exception exception, string responseId);
}
