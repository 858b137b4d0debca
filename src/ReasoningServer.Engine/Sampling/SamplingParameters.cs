using ReasoningServer.Native;

namespace ReasoningServer.Engine.Sampling;

/// <summary>How the next token is chosen. Defaults follow OpenAI's (temperature 1, top_p 1, no penalties).</summary>
public sealed record SamplingParameters
{
    /// <summary>0 means greedy.</summary>
    public float Temperature { get; init; } = 1f;

    public float TopP { get; init; } = 1f;

    /// <summary>0 disables top-k.</summary>
    public int TopK { get; init; }

    public float MinP { get; init; }

    public float PresencePenalty { get; init; }

    public float FrequencyPenalty { get; init; }

    /// <summary>How many recent tokens the presence/frequency penalties look at.</summary>
    public int PenaltyWindow { get; init; } = 256;

    /// <summary>Null draws a fresh seed, so unseeded requests differ.</summary>
    public uint? Seed { get; init; }

    public IReadOnlyDictionary<LlamaToken, float> LogitBias { get; init; } = new Dictionary<LlamaToken, float>();

    public static SamplingParameters Default { get; } = new();
}
