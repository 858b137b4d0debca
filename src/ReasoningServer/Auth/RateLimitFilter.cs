using System.Globalization;
using ReasoningServer.Errors;

namespace ReasoningServer.Auth;

/// <summary>
/// Admits a generation request against its key's limits, with OpenAI's <c>x-ratelimit-*</c> headers on
/// every answer, and refuses with 429 <c>rate_limit_exceeded</c> (type <c>requests</c> or <c>tokens</c>)
/// and <c>Retry-After</c> when a limit is reached.
/// </summary>
internal sealed class RateLimitFilter(KeyRateLimiter limiter) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var decision = limiter.Admit(context.Features.Get<ApiKeyFeature>()?.Key);
        var headers = context.Response.Headers;
        var reset = FormatDuration(decision.ResetIn);
        if (decision.RequestLimit > 0)
        {
            headers["x-ratelimit-limit-requests"] = decision.RequestLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-requests"] = decision.RequestsRemaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-requests"] = reset;
        }

        if (decision.TokenLimit > 0)
        {
            headers["x-ratelimit-limit-tokens"] = decision.TokenLimit.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = decision.TokensRemaining.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = reset;
        }

        if (decision.RefusedBy is not { } refusedBy)
        {
            return await next(invocation);
        }

        var limit = refusedBy == "requests" ? decision.RequestLimit : decision.TokenLimit;
        // Written here, not thrown: the exception handler clears the response, headers included.
        await ErrorWriter.WriteAsync(context, new OpenAIException(StatusCodes.Status429TooManyRequests, refusedBy,
            $"Rate limit reached for {refusedBy}: limit {limit} per window. Please try again in {reset}.", null, "rate_limit_exceeded")
        {
            RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(decision.ResetIn.TotalSeconds)),
        }, context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>OpenAI's style: <c>20ms</c>, <c>1.5s</c>, <c>6m0s</c>.</summary>
    internal static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Max(0, (int)Math.Ceiling(duration.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture)}ms";
        }

        var minutes = (int)duration.TotalMinutes;
        var seconds = (duration - TimeSpan.FromMinutes(minutes)).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return minutes > 0 ? $"{minutes.ToString(CultureInfo.InvariantCulture)}m{seconds}s" : $"{seconds}s";
    }
}
