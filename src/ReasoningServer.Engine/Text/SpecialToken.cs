using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>A control or user-defined token: text that llama.cpp's tokenizer can turn into one token.</summary>
/// <param name="AlwaysParsed">A user-defined token: llama.cpp matches it even without special-token parsing (as Hugging
/// Face matches every added token), so plain text that contains it has to be split around it on purpose.</param>
public sealed record SpecialToken(LlamaToken Token, string Text, bool AlwaysParsed);
