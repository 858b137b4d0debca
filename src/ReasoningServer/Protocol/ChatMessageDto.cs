using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>One message of a chat request. <c>content</c> is a string or an array of content parts.</summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    /// <summary>Thinking of an earlier assistant turn as DeepSeek's API and llama-server return it.</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>The same under vLLM's and Ollama's name.</summary>
    public string? Reasoning { get; set; }
}
