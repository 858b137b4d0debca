using System.Text.Json;
using ReasoningServer.Errors;
using ReasoningServer.Options;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>
/// Validates a legacy completion request: the prompt is used as is (no template), and the output is
/// returned raw, thinking included, while reasoning tokens are still counted.
/// </summary>
internal static class CompletionRequestParser
{
    public static (CompletionJob Job, string PromptText) Parse(CompletionRequest request, ModelHost models, GenerationOptions options)
    {
        var model = models.Resolve(request.Model);
        if (request.Prompt is not { ValueKind: JsonValueKind.String } prompt || prompt.GetString() is not { Length: > 0 } text)
        {
            throw OpenAIException.InvalidRequest("'prompt' must be a non-empty string.", "prompt", "invalid_type");
        }

        if (request.Logprobs is < 0 or > 5)
        {
            throw OpenAIException.InvalidRequest($"Invalid 'logprobs': {request.Logprobs}. It must be between 0 and 5.", "logprobs", "invalid_value");
        }

        if (request.BestOf is { } bestOf && bestOf != 1)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'best_of': {bestOf}. Only 1 is supported here; see the 'test_time' extension of chat completions for best-of-N.", "best_of", "unsupported_parameter");
        }

        if (!string.IsNullOrEmpty(request.Suffix))
        {
            throw OpenAIException.InvalidRequest("'suffix' is not supported: this server does not insert text.", "suffix", "unsupported_parameter");
        }

        var tokens = model.Tokenizer.Tokenize(text, addSpecial: true, parseSpecial: true);
        var job = new CompletionJob(
            model,
            tokens,
            model.OpensThinking(text),
            RequestValidation.Sampling(model, request),
            // The legacy endpoint's default is 16 tokens, as OpenAI's.
            RequestValidation.MaxTokens(request.MaxTokens ?? 16, "max_tokens", tokens.Length, model.ContextSize),
            RequestValidation.Stop(request.Stop),
            request.Logprobs,
            RequestValidation.Choices(request.N, options.MaxChoices),
            ReasoningDisplay.Raw);
        return (job, text);
    }
}
