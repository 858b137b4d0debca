using System.Globalization;
using System.Text.Json;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Errors;
using ReasoningServer.Native;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>Checks shared by the chat and legacy completion endpoints, each failing with OpenAI's 400.</summary>
internal static class RequestValidation
{
    public const int MaxStopSequences = 4;

    public static SamplingParameters Sampling(ServedModel model, GenerationRequestDto request) => new()
    {
        Temperature = InRange(request.Temperature ?? 1f, 0f, 2f, "temperature"),
        TopP = InRange(request.TopP ?? 1f, 0f, 1f, "top_p"),
        TopK = (int)InRange(request.TopK ?? 0, 0, model.Tokenizer.VocabularySize, "top_k"),
        MinP = InRange(request.MinP ?? 0f, 0f, 1f, "min_p"),
        PresencePenalty = InRange(request.PresencePenalty ?? 0f, -2f, 2f, "presence_penalty"),
        FrequencyPenalty = InRange(request.FrequencyPenalty ?? 0f, -2f, 2f, "frequency_penalty"),
        // OpenAI takes a 64-bit seed; llama.cpp a 32-bit one. Fold the halves so every bit matters.
        Seed = request.Seed is { } s ? (uint)(s ^ (s >> 32)) : null,
        LogitBias = LogitBias(model, request.LogitBias),
    };

    public static int Choices(int? n, int max)
    {
        var value = n ?? 1;
        return value >= 1 && value <= max
            ? value
            : throw OpenAIException.InvalidRequest($"Invalid 'n': {value}. It must be between 1 and {max} on this server.", "n", "invalid_value");
    }

    /// <summary>A string or an array of at most four non-empty strings.</summary>
    public static IReadOnlyList<string> Stop(JsonElement? stop)
    {
        if (stop is not { } element || element.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            return NonEmpty([element.GetString()!]);
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxStopSequences
            || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'stop': expected a string or an array of up to {MaxStopSequences} strings.", "stop", "invalid_type");
        }

        return NonEmpty([.. element.EnumerateArray().Select(e => e.GetString()!)]);
    }

    /// <summary>
    /// How many tokens a choice may generate: what the request allows, clamped to what is left of the
    /// window, so reaching the window ends with "length" like any other limit.
    /// </summary>
    public static int MaxTokens(int? requested, string param, int promptTokens, int contextSize)
    {
        if (requested is < 1)
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}': {requested}. It must be at least 1.", param, "invalid_value");
        }

        if (promptTokens + 1 > contextSize)
        {
            throw OpenAIException.ContextLengthExceeded(contextSize, promptTokens);
        }

        var room = contextSize - promptTokens;
        return Math.Min(requested ?? room, room);
    }

    public static int? TopLogprobs(bool logprobs, int? topLogprobs)
    {
        if (topLogprobs is { } top)
        {
            if (top is < 0 or > 20)
            {
                throw OpenAIException.InvalidRequest($"Invalid 'top_logprobs': {top}. It must be between 0 and 20.", "top_logprobs", "invalid_value");
            }

            if (!logprobs)
            {
                throw OpenAIException.InvalidRequest("'top_logprobs' requires 'logprobs' to be true.", "top_logprobs");
            }
        }

        return logprobs ? topLogprobs ?? 0 : null;
    }

    private static Dictionary<LlamaToken, float> LogitBias(ServedModel model, Dictionary<string, float>? bias)
    {
        var result = new Dictionary<LlamaToken, float>();
        foreach (var (key, value) in bias ?? [])
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !model.Tokenizer.IsValid(id))
            {
                throw OpenAIException.InvalidRequest(
                    $"Invalid 'logit_bias': '{key}' is not a token id of this model (0..{model.Tokenizer.VocabularySize - 1}).", "logit_bias", "invalid_value");
            }

            result[new LlamaToken(id)] = InRange(value, -100f, 100f, "logit_bias");
        }

        return result;
    }

    private static float InRange(float value, float min, float max, string param) =>
        value >= min && value <= max
            ? value
            : throw OpenAIException.InvalidRequest(
                FormattableString.Invariant($"Invalid '{param}': {value}. It must be between {min} and {max}."), param, "invalid_value");

    private static IReadOnlyList<string> NonEmpty(IReadOnlyList<string> stops) =>
        stops.Any(string.IsNullOrEmpty)
            ? throw OpenAIException.InvalidRequest("Invalid 'stop': stop sequences must not be empty.", "stop", "invalid_value")
            : stops;
}
