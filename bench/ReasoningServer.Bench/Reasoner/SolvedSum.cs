namespace ReasoningServer.Bench.Reasoner;

/// <summary>One answered sum, however it was asked (engine or HTTP).</summary>
/// <param name="SelfClosed">The model ended its thinking itself (not cut by a budget, not skipped).</param>
internal sealed record SolvedSum(bool Correct, int ReasoningTokens, bool SelfClosed);
