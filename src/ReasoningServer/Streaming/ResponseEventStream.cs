using ReasoningServer.Errors;
using ReasoningServer.Protocol.Responses;

namespace ReasoningServer.Streaming;

/// <summary>
/// A streamed Responses API response: typed events with <c>sequence_number</c>, from <c>response.created</c> and
/// <c>response.in_progress</c> to <c>response.completed</c> (or <c>.incomplete</c>), no <c>[DONE]</c>. A failure after the
/// stream started is an <c>error</c> event and then <c>response.failed</c>; a client that hangs up is not a failure.
/// </summary>
internal static partial class ResponseEventStream
{
    public static async Task WriteAsync(HttpContext context, ILogger logger, ResponseDto response,
        Func<Func<List<ResponseStreamEvent>, CancellationToken, Task>, CancellationToken, Task> generate)
    {
        var aborted = context.RequestAborted;
        var sse = new SseWriter(context.Response);
        var sequence = 0;
        async Task EmitAsync(List<ResponseStreamEvent> events, CancellationToken cancellationToken)
        {
            foreach (var item in events)
            {
                item.SequenceNumber = sequence++;
                sse.WriteNamed(item.Type, item, ResponsesJson.Context.GetTypeInfo(item.GetType())!);
            }

            await sse.FlushAsync(cancellationToken);
        }

        try
        {
            await EmitAsync([
                new ResponseLifecycleEvent { Type = "response.created", Response = response },
                new ResponseLifecycleEvent { Type = "response.in_progress", Response = response },
            ], aborted);
            await generate(EmitAsync, aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away; its sequence was cancelled with the request
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStreamFailed(logger, e, response.Id);
            var error = e as OpenAIException ?? new OpenAIException(StatusCodes.Status500InternalServerError, "server_error",
                "The server had an error while generating this response.");
            response.Status = "failed";
            response.Error = new ResponseErrorDto(error.Code ?? "server_error", error.Message);
            await EmitAsync([
                new StreamErrorEvent { Type = "error", Code = error.Code ?? error.Type, Message = error.Message, Param = error.Param },
                new ResponseLifecycleEvent { Type = "response.failed", Response = response },
            ], aborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Streaming response {ResponseId} failed after it had started")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string responseId);
}
