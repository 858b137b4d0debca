namespace ReasoningServer.Engine.Text;

/// <summary>One turn as the chat template sees it: a role (system, user, assistant, tool) and plain text.</summary>
public sealed record ChatMessage(string Role, string Content);
