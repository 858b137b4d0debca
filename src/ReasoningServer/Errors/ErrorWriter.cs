using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReasoningServer.Protocol;

namespace ReasoningServer.Errors;

/// <summary>Writes an <see cref="OpenAIException"/> as a JSON response.</summary>
internal static class ErrorWriter
{
    public static Task WriteAsync(HttpContext context, OpenAIException error, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        if (error.RetryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return response.WriteAsJsonAsync(ToBody(error), ProtocolJson.Context.ErrorResponse, cancellationToken: cancellationToken);
    }

    public static ErrorResponse ToBody(OpenAIException error) =>
        new(new ErrorDetail(error.Message, error.Type, error.Param, error.Code));

    /// <summary>Status codes the framework produces without a body (404 route, 405 method) get the same shape.</summary>
    public static Task WriteStatusCodeAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"Unknown request URL: {context.Request.Method} {context.Request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"Method {context.Request.Method} is not allowed on {context.Request.Path}.",
            StatusCodes.Status415UnsupportedMediaType => "Content-Type must be application/json.",
            _ => $"The request failed with status {status}.",
        };
        var type = status >= 500 ? "server_error" : "invalid_request_error";
        var code = status == StatusCodes.Status404NotFound ? "unknown_url" : null;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(new ErrorDetail(message, type, null, code)),
            ProtocolJson.Context.ErrorResponse);
    }
}
