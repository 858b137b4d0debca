using ReasoningServer.Auth;

namespace ReasoningServer.Endpoints;

/// <summary>The OpenAI-compatible surface under <c>/v1</c>, every endpoint behind an API key when keys are configured.</summary>
internal static class EndpointRegistration
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1").RequireAuthorization();
        v1.MapModels();
        // Generation is what rate limits count.
        var generation = v1.MapGroup(string.Empty).AddEndpointFilter<RateLimitFilter>();
        generation.MapChatCompletions();
        generation.MapCompletions();
        generation.MapResponseCreation();
        v1.MapStoredResponses();
        v1.MapUsage();
        return app;
    }
}
