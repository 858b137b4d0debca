namespace ReasoningServer.Reasoning.Tools;

/// <summary>How a lazy grammar recognises the start of a tool call (the kinds llama.cpp's lazy grammar sampler takes).</summary>
public enum ToolCallTriggerKind
{
    /// <summary>The text of one vocabulary token; the grammar starts when that token is sampled.</summary>
    Token,

    /// <summary>Literal text anywhere in the output (the marker is not a single token).</summary>
    Word,

    /// <summary>A regular expression the whole output so far must match from its start; the grammar applies from the first capture group.</summary>
    PatternFull,
}
