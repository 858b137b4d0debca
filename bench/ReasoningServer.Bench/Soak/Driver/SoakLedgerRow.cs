namespace ReasoningServer.Bench.Soak;

/// <summary>The columns of a ledger row that the soak checks.</summary>
internal sealed record SoakLedgerRow(string RequestId, string Outcome, int PromptTokens, int ReasoningTokens, int AnswerTokens)
{
    public int CompletionTokens => ReasoningTokens + AnswerTokens;
}
