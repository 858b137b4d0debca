using ReasoningServer.Errors;
using ReasoningServer.Protocol;

namespace ReasoningServer.Streaming;

/// <summary>
/// Runs a streamed response to its end: the events, then <c>[DONE]</c>. Once the headers are sent a
/// failure can only be reported inside the stream, as an OpenAI error event; a client that hangs up is
/// not a failure at all.
/// </summary>
internal static partial class SseResponse
{
    public static async Task WriteAsync(HttpContext context, ILogger logger, Func<SseWriter, CancellationToken, Task> writeEvents)
    {
        var aborted = context.RequestAborted;
        var sse = new SseWriter(context.Response);
        try
        {
            await writeEvents(sse, aborted);
            await sse.WriteDoneAsync(aborted);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away; its sequences were cancelled with the request
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStreamFailed(logger, e, context.Request.Path);
            // A failure meant for the client (a timeout, say) keeps its own shape; anything else stays generic.
            var error = e as OpenAIException ?? new OpenAIException(StatusCodes.Status500InternalServerError, "server_error",
                "The server had an error while generating this response.");
            await sse.WriteAsync(ErrorWriter.ToBody(error), ProtocolJson.Context.ErrorResponse, aborted);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Streaming {Path} failed after the response had started")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string path);
}
