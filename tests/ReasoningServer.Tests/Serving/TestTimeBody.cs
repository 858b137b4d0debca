using System.Globalization;
using System.Text.Json.Nodes;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Serving;

/// <summary>Request bodies for the test-time tests, steering the tiny random model with logit biases.</summary>
internal static class TestTimeBody
{
    public const int Seven = '7';
    public const int One = '1';
    public const int Two = '2';

    /// <summary>
    /// No thinking (effort "none" closes it in the prompt), then an answer of only the digits given a +100 bias;
    /// the end-of-turn tokens are banned, so every sample runs to <paramref name="maxTokens"/>.
    /// </summary>
    public static JsonObject Digits(int samples, int maxTokens, string strategy, params int[] digits)
    {
        var bias = new JsonObject
        {
            [Id(ByteLevelBpeVocabulary.ImEndId)] = -100,
            [Id(ByteLevelBpeVocabulary.EndOfTextId)] = -100,
        };
        foreach (var digit in digits)
        {
            bias[Id(digit)] = 100;
        }

        return new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is 3 + 4?" }),
            ["max_completion_tokens"] = maxTokens,
            ["temperature"] = 1,
            ["seed"] = 40,
            ["reasoning_format"] = "reasoning_content",
            ["reasoning_effort"] = "none",
            ["logit_bias"] = bias,
            ["test_time"] = new JsonObject
            {
                ["strategy"] = strategy,
                ["samples"] = samples,
                // The last digit of the answer: with two digits biased, the samples split their votes.
                ["answer"] = new JsonObject { ["extract"] = "regex", ["pattern"] = @"(\d)" },
            },
        };
    }

    /// <summary>Thinking that never ends before <paramref name="maxTokens"/>: samples that hold their slots.</summary>
    public static JsonObject Endless(int samples, int maxTokens) => new()
    {
        ["model"] = ServerFixture.ModelId,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Think for a long time." }),
        ["max_completion_tokens"] = maxTokens,
        ["temperature"] = 1,
        ["logit_bias"] = new JsonObject
        {
            [Id(ByteLevelBpeVocabulary.ThinkEndId)] = -100,
            [Id(ByteLevelBpeVocabulary.ImEndId)] = -100,
        },
        ["test_time"] = new JsonObject { ["strategy"] = "self_consistency", ["samples"] = samples },
    };

    private static string Id(int token) => token.ToString(CultureInfo.InvariantCulture);
}
