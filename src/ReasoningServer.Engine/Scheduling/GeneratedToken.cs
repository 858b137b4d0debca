using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>One sampled token, as the engine hands it to the request side.</summary>
/// <param name="IsEndOfGeneration">The model's end token: counted as generated, never shown.</param>
public readonly record struct GeneratedToken(LlamaToken Token, bool IsEndOfGeneration, TokenLogprob? Logprob);
