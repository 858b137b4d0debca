using System.Text.Json;

namespace ReasoningServer.Protocol;

/// <summary>
/// One message of a chat request. <c>content</c> is a string or an array of content parts. The fields a client
/// echoes back from a response message (<c>refusal</c>, <c>annotations</c>, <c>audio</c>, <c>function_call</c>) are
/// accepted so that appending a response's message to the history works; see <c>ChatMessageReader</c>.
/// </summary>
internal sealed class ChatMessageDto
{
    public string? Role { get; set; }

    public JsonElement? Content { get; set; }

    public string? Name { get; set; }

    /// <summary>Assistant history: the calls that turn made.</summary>
    public List<ToolCallDto>? ToolCalls { get; set; }

    /// <summary>A <c>tool</c> message: which call this is the result of.</summary>
    public string? ToolCallId { get; set; }

    /// <summary>Assistant history: a refusal instead of content.</summary>
    public string? Refusal { get; set; }

    /// <summary>Assistant history: url citations of a response; they annotate the content, which is kept as it is.</summary>
    public JsonElement? Annotations { get; set; }

    /// <summary>Assistant history: a previous audio response; only null is accepted (this server has no audio).</summary>
    public JsonElement? Audio { get; set; }

    /// <summary>Assistant history of the deprecated functions API; only null is accepted.</summary>
    public JsonElement? FunctionCall { get; set; }

    /// <summary>Thinking of an earlier assistant turn as DeepSeek's API and llama-server return it.</summary>
    public string? ReasoningContent { get; set; }

    /// <summary>The same under vLLM's and Ollama's name.</summary>
    public string? Reasoning { get; set; }
}
