namespace ReasoningServer.Protocol.Responses;

/// <summary><c>text</c>: the answer's format and verbosity.</summary>
internal sealed class ResponsesTextDto
{
    public ResponsesTextFormatDto? Format { get; set; }

    /// <summary>A documented no-op (<c>low | medium | high</c>).</summary>
    public string? Verbosity { get; set; }
}
