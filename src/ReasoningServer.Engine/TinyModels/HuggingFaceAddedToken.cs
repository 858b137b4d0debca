namespace ReasoningServer.Engine.TinyModels;

/// <summary>One entry of a <c>tokenizer.json</c>'s <c>added_tokens</c>: a token matched as a whole before pre-tokenizing.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Content">Its text, as written (not byte-level encoded).</param>
/// <param name="Special">Hugging Face's <c>special</c> flag: skipped when decoding with <c>skip_special_tokens</c>.</param>
/// <param name="Normalized">Whether the tokenizer's normalizer runs over the token before it is matched.</param>
public sealed record HuggingFaceAddedToken(int Id, string Content, bool Special, bool Normalized);
