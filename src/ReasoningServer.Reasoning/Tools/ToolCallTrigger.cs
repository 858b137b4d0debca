namespace ReasoningServer.Reasoning.Tools;

/// <summary>What switches a lazy grammar on: the grammar stays off (free text) until the model starts a call.</summary>
public sealed record ToolCallTrigger(ToolCallTriggerKind Kind, string Value)
{
    /// <summary>A marker as a token trigger when the vocabulary has it as one token, else as a word trigger.</summary>
    public static ToolCallTrigger ForMarker(string marker, Func<string, bool> isSingleToken) =>
        new(isSingleToken(marker) ? ToolCallTriggerKind.Token : ToolCallTriggerKind.Word, marker);
}
