using System.Diagnostics;
using ReasoningServer.Metrics;

namespace ReasoningServer.Hosting;

/// <summary>One log line and one metrics count per request — method, path, status, duration, request id — and the id echoed as <c>x-request-id</c>.</summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ServerMetrics metrics, ILogger<RequestLoggingMiddleware> logger)
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
            var elapsed = Stopwatch.GetElapsedTime(started);
            // The route pattern, not the path: unknown URLs must not create a series each.
            var endpoint = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            metrics.RequestAnswered(endpoint, status, elapsed);
            if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics")
                || context.Request.Path.StartsWithSegments("/v1/status"))
            {
                // Probes, scrapes and the web UI's status polls come every few seconds: at Information they would drown the requests.
                LogProbe(context.Request.Method, context.Request.Path, status, elapsed.TotalMilliseconds);
            }
            else
            {
                LogRequest(context.Request.Method, context.Request.Path, status, elapsed.TotalMilliseconds, context.TraceIdentifier);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {ElapsedMs:0.0} ms (request {RequestId})")]
    private partial void LogRequest(string method, string path, int status, double elapsedMs, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} {Status} in {ElapsedMs:0.0} ms")]
    private partial void LogProbe(string method, string path, int status, double elapsedMs);
}
