using ReasoningServer.Engine.Text;
using ReasoningServer.Native;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Reasoning.Budgets;

/// <summary>
/// A model's token ids for budget forcing, tokenized once at load: its thinking delimiters, the sequence
/// forced when the budget is spent (message, then the end tag) and the continuation that replaces an
/// early end tag.
/// </summary>
public sealed record BudgetForcingTokens(LlamaToken Start, LlamaToken End, LlamaToken[] Close, LlamaToken[] Continuation)
{
    /// <returns>Null when a delimiter is not one token: steering then cannot see it on token ids.</returns>
    public static BudgetForcingTokens? Create(Tokenizer tokenizer, ReasoningFormat format, string closeMessage, string continuation)
    {
        if (tokenizer.FindSingleToken(format.StartTag) is not { } start || tokenizer.FindSingleToken(format.EndTag) is not { } end)
        {
            return null;
        }

        LlamaToken[] close = [.. tokenizer.Tokenize(closeMessage, addSpecial: false, parseSpecial: false), end];
        return new BudgetForcingTokens(start, end, close, tokenizer.Tokenize(continuation, addSpecial: false, parseSpecial: false));
    }
}
