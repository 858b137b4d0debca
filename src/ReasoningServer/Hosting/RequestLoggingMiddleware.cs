using System.Diagnostics;

namespace ReasoningServer.Hosting;

/// <summary>One log line per request — method, path, status, duration, request id — and the id echoed as <c>x-request-id</c>.</summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        // Unique across restarts and replicas (Kestrel's own ids are not): it is the usage ledger's primary key.
        context.TraceIdentifier = $"req_{Guid.CreateVersion7():N}";
        context.Response.Headers["x-request-id"] = context.TraceIdentifier;
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted ? 499 : context.Response.StatusCode;
            LogRequest(context.Request.Method, context.Request.Path, status,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TraceIdentifier);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {ElapsedMs:0.0} ms (request {RequestId})")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId);
}
