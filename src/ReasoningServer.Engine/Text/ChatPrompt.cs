using ReasoningServer.Native;

namespace ReasoningServer.Engine.Text;

/// <summary>A templated conversation: the text (for inspection) and the tokens the engine evaluates.</summary>
public sealed record ChatPrompt(string Text, LlamaToken[] Tokens);
