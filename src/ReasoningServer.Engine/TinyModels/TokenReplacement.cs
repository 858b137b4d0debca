namespace ReasoningServer.Engine.TinyModels;

/// <summary>
/// Replaces the token with id <paramref name="Id"/> by an added token of text <paramref name="Content"/>, as a model
/// family that reuses a base tokenizer does in its own <c>tokenizer.json</c> (DeepSeek-R1 is V3's with two placeholders renamed).
/// </summary>
/// <param name="Id">The id to replace; a placeholder added token or a hole in the id space.</param>
/// <param name="Content">The new token text.</param>
/// <param name="Special">Hugging Face's <c>special</c> flag of the new token.</param>
public sealed record TokenReplacement(int Id, string Content, bool Special);
