namespace ReasoningServer.Fuzzing;

/// <summary>What every response must be, whatever was sent.</summary>
public static class FuzzRules
{
    public static FuzzVerdict Judge(FuzzCase fuzzCase, FuzzOutcome outcome)
    {
        if (outcome.Status is not { } status)
        {
            return fuzzCase.HeaderLevel || fuzzCase.Delivery == FuzzDelivery.HalfClose ? FuzzVerdict.DroppedBrokenFraming : FuzzVerdict.NoResponse;
        }

        // 505 is Kestrel's answer to an HTTP version it does not speak (a malformed request line), before any application code.
        var protocolRefusal = fuzzCase.HeaderLevel && outcome.Body.Length == 0;
        if (status >= 500 && !(status == 503 && IsHealth(fuzzCase)) && !(status == 505 && protocolRefusal))
        {
            return FuzzVerdict.ServerError;
        }

        if (status < 400)
        {
            return FuzzVerdict.Ok;
        }

        // Kestrel refuses a malformed header section itself, before any application code, with an empty 4xx.
        if (protocolRefusal)
        {
            return FuzzVerdict.Ok;
        }

        // The readiness probe's 503 carries the health report, for operators.
        if (status == 503 && IsHealth(fuzzCase))
        {
            return FuzzVerdict.Ok;
        }

        return OpenAIErrorShape.Matches(outcome.Body) ? FuzzVerdict.Ok : FuzzVerdict.NotOpenAIShaped;
    }

    private static bool IsHealth(FuzzCase fuzzCase) => fuzzCase.Path.StartsWith("/health", StringComparison.Ordinal);
}
