using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>A model output and what the parser must make of it.</summary>
internal sealed record ToolCallCase(string Name, ToolCallFormat Format, string Output, string Content, params ExpectedCall[] Calls)
{
    public override string ToString() => Name;
}
