namespace ReasoningServer.Tests.Templates;

/// <summary>One conversation of the oracle corpus: the fields of a chat request that shape the prompt.</summary>
/// <param name="Request">A chat completion request's JSON (model, messages, tools, tool_choice, chat_template_kwargs, reasoning).</param>
public sealed record OracleConversation(string Name, string Request)
{
    public override string ToString() => Name;
}
