using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using ReasoningServer.Engine.Training;

namespace ReasoningServer.Bench.Reasoner;

/// <summary>
/// Asks a running server with the official OpenAI .NET client at temperature 0. Direct answers send
/// <c>reasoning_effort: "none"</c>; budgets send the extension <c>"reasoning": {"max_tokens": N}</c> through the
/// SDK's JSON patch. A server that ignores either field simply thinks as usual, and the table shows it.
/// </summary>
internal sealed class HttpAdditionSolver(Uri baseAddress, string modelId) : IAdditionSolver
{
    private const int MaxCompletionTokens = AdditionEvaluator.MaxCompletionTokens + 16;

    private readonly ChatClient _client = new(modelId, new ApiKeyCredential("unused"),
        new OpenAIClientOptions { Endpoint = new Uri(baseAddress, "/v1"), NetworkTimeout = TimeSpan.FromMinutes(5) });

    public string Description => $"HTTP, OpenAI .NET SDK, model `{modelId}` at {baseAddress}";

    public Task<SolvedSum> SolveAsync(AdditionProblem problem, bool direct)
    {
        var options = Options();
        if (direct)
        {
#pragma warning disable OPENAI001 // reasoning_effort is marked experimental in SDK 2.15.0.
            options.ReasoningEffortLevel = new ChatReasoningEffortLevel("none");
#pragma warning restore OPENAI001
        }

        return AskAsync(problem, options);
    }

    public Task<SolvedSum> SolveWithBudgetAsync(AdditionProblem problem, int budget)
    {
        var options = Options();
#pragma warning disable SCME0001 // JSON patches are the SDK's way to send extension fields.
        options.Patch.Set("$.reasoning"u8, BinaryData.FromObjectAsJson(new { max_tokens = budget }));
#pragma warning restore SCME0001
        return AskAsync(problem, options);
    }

    private static ChatCompletionOptions Options() => new() { Temperature = 0, MaxOutputTokenCount = MaxCompletionTokens };

    private async Task<SolvedSum> AskAsync(AdditionProblem problem, ChatCompletionOptions options)
    {
        ChatCompletion completion = await _client.CompleteChatAsync([new UserChatMessage(AdditionChainOfThought.Question(problem))], options);
        var text = completion.Content.Count > 0 ? completion.Content[0].Text : string.Empty;
        var reasoning = completion.Usage?.OutputTokenDetails?.ReasoningTokenCount ?? 0;

        // Reasoning that ended in a normal stop was closed by the model unless a budget cut it; the engine path tells them apart exactly.
        var closed = reasoning > 0 && completion.FinishReason == ChatFinishReason.Stop;
        return new SolvedSum(AdditionEvaluator.LastNumber(text) == problem.Sum, reasoning, closed);
    }
}
