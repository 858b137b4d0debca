using ReasoningServer.Engine.Text;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Serving.Templates;

/// <summary>What turning a conversation into a prompt needs of the served model: its template, thinking delimiters and vocabulary.</summary>
internal sealed record PromptModel(ChatTemplate Template, ReasoningFormat? ReasoningFormat, Tokenizer Tokenizer);
