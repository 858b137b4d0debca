using System.Text;

namespace ReasoningServer.Reasoning.Tools;

/// <summary>A call being read or read already, before it is handed out as a <see cref="ParsedToolCall"/>.</summary>
internal sealed class CallRecord(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public StringBuilder Arguments { get; } = new();

    /// <summary>The arguments object was closed and is valid JSON.</summary>
    public bool ArgumentsComplete { get; set; }

    public ParsedToolCall ToParsed() => new(Id, Name, Arguments.ToString(), ArgumentsComplete);
}
