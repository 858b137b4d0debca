namespace ReasoningServer.Reasoning.TestTime;

/// <summary>What one finished sample contributes to the decision.</summary>
/// <param name="Index">The sample's position in the request (0-based); also its seed offset.</param>
/// <param name="Answer">The normalised extracted answer; null when extraction failed (no vote).</param>
/// <param name="Score">Mean logprob of the visible answer's tokens; null when it produced none.</param>
/// <param name="Verified">Whether the verifier pattern matched the answer text; null without a verifier.</param>
public sealed record SampleOutcome(int Index, string? Answer, double? Score, bool? Verified = null);
