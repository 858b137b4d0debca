using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>One of the most likely tokens at a position, with its log-probability.</summary>
public readonly record struct TokenAlternative(LlamaToken Token, float Logprob);
