using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Scheduling;

/// <summary>What the engine needs for one sequence: tokens in, limits and sampling out. No text, no JSON.</summary>
/// <param name="Prompt">The templated, tokenized prompt.</param>
/// <param name="MaxTokens">Generated tokens allowed, reasoning included.</param>
/// <param name="TopLogprobs">Null: no logprobs; 0..20: the sampled token's logprob and that many alternatives.</param>
/// <param name="Steering">Budget steering for this one sequence (it keeps state), or null.</param>
/// <param name="Grammar">A grammar the output must follow (past its gate), or null.</param>
/// <param name="Timeout">Time from submission (queueing included) after which the sequence ends with
/// <see cref="FinishReason.TimedOut"/>; null: no limit.</param>
public sealed record GenerationRequest(
    IReadOnlyList<LlamaToken> Prompt,
    SamplingParameters Sampling,
    int MaxTokens,
    int? TopLogprobs = null,
    ITokenSteering? Steering = null,
    TimeSpan? Timeout = null,
    GrammarConstraint? Grammar = null);
