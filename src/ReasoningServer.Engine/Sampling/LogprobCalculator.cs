using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>
/// Log-softmax over one output row of logits. Runs on the engine thread only for requests that asked
/// for logprobs: one pass for the normaliser, one for the top alternatives.
/// </summary>
public static class LogprobCalculator
{
    public static TokenLogprob Compute(ReadOnlySpan<float> logits, LlamaToken chosen, int topCount)
    {
        var max = float.NegativeInfinity;
        foreach (var logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double sum = 0;
        foreach (var logit in logits)
        {
            sum += Math.Exp(logit - max);
        }

        var logNormaliser = max + (float)Math.Log(sum);
        var top = topCount > 0 ? TopTokens(logits, topCount, logNormaliser) : [];
        return new TokenLogprob(chosen, logits[chosen.Value] - logNormaliser, top);
    }

    private static TokenAlternative[] TopTokens(ReadOnlySpan<float> logits, int count, float logNormaliser)
    {
        // A small sorted insertion buffer: count is at most 20, far below the vocabulary size.
        var best = new List<TokenAlternative>(count + 1);
        for (var id = 0; id < logits.Length; id++)
        {
            var logprob = logits[id] - logNormaliser;
            if (best.Count == count && logprob <= best[^1].Logprob)
            {
                continue;
            }

            var at = best.FindIndex(b => b.Logprob < logprob);
            best.Insert(at < 0 ? best.Count : at, new TokenAlternative(new LlamaToken(id), logprob));
            if (best.Count > count)
            {
                best.RemoveAt(count);
            }
        }

        return [.. best];
    }
}
