using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ReasoningServer.Options;
using ReasoningServer.Protocol;

namespace ReasoningServer.Errors;

/// <summary>
/// Turns every exception that escapes an endpoint into OpenAI's error shape: client errors with their
/// status, anything unexpected as a 500 that says nothing internal.
/// </summary>
internal sealed partial class OpenAIExceptionHandler(IOptions<ServerOptions> server, ILogger<OpenAIExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away: nobody to answer, nothing went wrong
        }

        var error = exception switch
        {
            OpenAIException e => e,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => OpenAIException.RequestTooLarge(server.Value.MaxRequestBodyBytes),
            BadHttpRequestException e => new OpenAIException(e.StatusCode, "invalid_request_error", e.Message),
            _ => null,
        };

        if (error is null)
        {
            LogUnexpected(exception, context.Request.Path);
            error = new OpenAIException(StatusCodes.Status500InternalServerError, "server_error",
                "The server had an error while processing your request.");
        }

        await ErrorWriter.WriteAsync(context, error, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private partial void LogUnexpected(Exception exception, string path);
}
