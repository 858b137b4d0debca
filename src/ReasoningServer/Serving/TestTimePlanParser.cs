using System.Text.RegularExpressions;
using ReasoningServer.Errors;
using ReasoningServer.Protocol;
using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Serving;

/// <summary>Validates the <c>test_time</c> extension into a <see cref="TestTimePlan"/>; each mistake is a 400 naming its field.</summary>
internal static class TestTimePlanParser
{
    public static TestTimePlan? Parse(ChatCompletionRequest request, int maxSamples)
    {
        if (request.TestTime is not { } dto)
        {
            return null;
        }

        if (request.N is not (null or 1))
        {
            throw OpenAIException.InvalidRequest(
                "'n' cannot be combined with 'test_time': a test-time request returns one choice made from its samples.", "n", "invalid_value");
        }

        if (request.ReasoningFormat == "raw")
        {
            // Raw output mixes the thinking into the content, and answers are extracted from the visible answer only.
            throw OpenAIException.InvalidRequest(
                "'reasoning_format': 'raw' cannot be combined with 'test_time'; use 'hidden' or 'reasoning_content'.", "reasoning_format", "invalid_value");
        }

        var strategy = dto.Strategy switch
        {
            "self_consistency" => TestTimeStrategy.SelfConsistency,
            "best_of_n" => TestTimeStrategy.BestOfN,
            _ => throw OpenAIException.InvalidRequest(
                $"Invalid 'test_time.strategy': '{dto.Strategy}'. Supported values are: 'self_consistency' and 'best_of_n'.", "test_time.strategy", "invalid_value"),
        };

        if (dto.Samples is not { } samples || samples < 1 || samples > maxSamples)
        {
            throw OpenAIException.InvalidRequest(
                $"Invalid 'test_time.samples': {dto.Samples?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "missing"}. It must be between 1 and {maxSamples} on this server.",
                "test_time.samples", "invalid_value");
        }

        var verifier = Verifier(dto, strategy);
        if (dto.EarlyStop == true && strategy != TestTimeStrategy.SelfConsistency)
        {
            throw OpenAIException.InvalidRequest(
                "'test_time.early_stop' applies to 'self_consistency' only: best_of_n needs every sample's score.", "test_time.early_stop", "invalid_value");
        }

        return new TestTimePlan(strategy, samples, Extractor(dto.Answer), verifier, dto.EarlyStop == true);
    }

    private static AnswerExtractor Extractor(TestTimeAnswerDto? answer)
    {
        if (answer?.Pattern is not null && answer.Extract != "regex")
        {
            throw OpenAIException.InvalidRequest("'test_time.answer.pattern' requires 'test_time.answer.extract': 'regex'.", "test_time.answer.pattern", "invalid_value");
        }

        return answer?.Extract switch
        {
            null or "last_number" => AnswerExtractor.LastNumber,
            "boxed" => AnswerExtractor.Boxed,
            "regex" => AnswerExtractor.FromPattern(Pattern(answer.Pattern, "test_time.answer.pattern")),
            _ => throw OpenAIException.InvalidRequest(
                $"Invalid 'test_time.answer.extract': '{answer.Extract}'. Supported values are: 'last_number', 'boxed' and 'regex'.",
                "test_time.answer.extract", "invalid_value"),
        };
    }

    private static Regex? Verifier(TestTimeRequestDto dto, TestTimeStrategy strategy)
    {
        switch (dto.Score)
        {
            case null or "mean_logprob" when dto.VerifierPattern is null:
                return null;
            case null or "mean_logprob":
                throw OpenAIException.InvalidRequest(
                    "'test_time.verifier_pattern' requires 'test_time.score': 'regex_verifier'.", "test_time.verifier_pattern", "invalid_value");
            case "regex_verifier" when strategy != TestTimeStrategy.BestOfN:
                throw OpenAIException.InvalidRequest(
                    "'test_time.score' applies to 'best_of_n' only: self_consistency votes.", "test_time.score", "invalid_value");
            case "regex_verifier":
                return Pattern(dto.VerifierPattern, "test_time.verifier_pattern");
            default:
                throw OpenAIException.InvalidRequest(
                    $"Invalid 'test_time.score': '{dto.Score}'. Supported values are: 'mean_logprob' and 'regex_verifier'.", "test_time.score", "invalid_value");
        }
    }

    private static Regex Pattern(string? pattern, string param)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            throw OpenAIException.InvalidRequest($"'{param}' is required here and must not be empty.", param, "invalid_value");
        }

        try
        {
            return new Regex(pattern, RegexOptions.CultureInvariant, AnswerExtractor.MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw OpenAIException.InvalidRequest($"Invalid '{param}': {e.Message}", param, "invalid_value");
        }
    }
}
