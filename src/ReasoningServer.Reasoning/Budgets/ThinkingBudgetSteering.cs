using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Native;

namespace ReasoningServer.Reasoning.Budgets;

/// <summary>
/// Budget forcing for one sequence, on token ids, as a small state machine: count thinking tokens; at the
/// maximum, wait until the text ends on a whole UTF-8 character, then force the close sequence; an end tag
/// sampled before the minimum is replaced by the continuation and thinking goes on. Forced tokens are
/// thinking tokens and are counted, exactly as the request side's splitter counts them.
/// </summary>
/// <remarks>Engine thread only; one instance per sequence; no allocation per token.</remarks>
public sealed class ThinkingBudgetSteering : ITokenSteering
{
    private readonly ThinkingBudget _budget;
    private readonly BudgetForcingTokens _tokens;
    private readonly Tokenizer _tokenizer;
    private readonly LlamaToken[] _one = new LlamaToken[1];
    private int _undecided;
    private int _utf8BytesMissing;

    /// <param name="thinkingOpenedByPrompt">The prompt ends with the start tag, as R1-style templates do.</param>
    public ThinkingBudgetSteering(ThinkingBudget budget, BudgetForcingTokens tokens, Tokenizer tokenizer, bool thinkingOpenedByPrompt)
    {
        _budget = budget;
        _tokens = tokens;
        _tokenizer = tokenizer;
        Phase = thinkingOpenedByPrompt ? ThinkingPhase.Thinking : ThinkingPhase.NotStarted;
    }

    public ThinkingPhase Phase { get; private set; }

    /// <summary>Thinking tokens so far, delimiters and forced tokens included.</summary>
    public int ThinkingTokens { get; private set; }

    /// <summary>How many times the close sequence or the continuation was forced.</summary>
    public int Interventions { get; private set; }

    public ReadOnlySpan<LlamaToken> Steer(LlamaToken sampled)
    {
        switch (Phase)
        {
            case ThinkingPhase.Thinking:
                return Think(sampled);
            case ThinkingPhase.NotStarted:
                Decide(sampled);
                break;
        }

        _one[0] = sampled;
        return _one;
    }

    private ReadOnlySpan<LlamaToken> Think(LlamaToken sampled)
    {
        if (sampled == _tokens.End)
        {
            if (ThinkingTokens < _budget.MinTokens && ThinkingTokens < _budget.MaxTokens)
            {
                return Force(_tokens.Continuation, ThinkingPhase.Thinking);
            }

            ThinkingTokens++;
            Phase = ThinkingPhase.Answering;
            _one[0] = sampled;
            return _one;
        }

        if (ThinkingTokens >= _budget.MaxTokens && _utf8BytesMissing == 0)
        {
            return Force(_tokens.Close, ThinkingPhase.Answering);
        }

        ThinkingTokens++;
        TrackUtf8(sampled);
        _one[0] = sampled;
        return _one;
    }

    private ReadOnlySpan<LlamaToken> Force(LlamaToken[] sequence, ThinkingPhase next)
    {
        Interventions++;
        ThinkingTokens += sequence.Length;
        _utf8BytesMissing = 0; // forced text is whole characters
        Phase = next;
        return sequence;
    }

    // Leading whitespace may come before a start tag; it is thinking if the tag follows, as the splitter counts it.
    private void Decide(LlamaToken sampled)
    {
        if (sampled == _tokens.Start)
        {
            ThinkingTokens = 1 + _undecided;
            Phase = ThinkingPhase.Thinking;
        }
        else if (IsWhitespace(_tokenizer.GetBytes(sampled)))
        {
            _undecided++;
        }
        else
        {
            Phase = ThinkingPhase.Answering;
        }
    }

    /// <summary>Follows UTF-8 lead and continuation bytes so the close is never forced inside a character.</summary>
    private void TrackUtf8(LlamaToken token)
    {
        foreach (var b in _tokenizer.GetBytes(token))
        {
            if ((b & 0xC0) == 0x80)
            {
                _utf8BytesMissing = Math.Max(0, _utf8BytesMissing - 1);
            }
            else
            {
                _utf8BytesMissing = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
            }
        }
    }

    private static bool IsWhitespace(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return false;
        }

        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }
}
