namespace ReasoningServer.Endpoints;

/// <summary>The OpenAI-compatible surface under <c>/v1</c>.</summary>
internal static class EndpointRegistration
{
    public static IEndpointRouteBuilder MapOpenAIEndpoints(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapModels();
        v1.MapChatCompletions();
        v1.MapCompletions();
        return app;
    }
}
