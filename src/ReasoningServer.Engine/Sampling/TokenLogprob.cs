using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>The log-probability of a sampled token under the model's raw distribution, and the most likely alternatives.</summary>
public sealed record TokenLogprob(LlamaToken Token, float Logprob, IReadOnlyList<TokenAlternative> TopAlternatives);
