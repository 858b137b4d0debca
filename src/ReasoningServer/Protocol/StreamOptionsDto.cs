namespace ReasoningServer.Protocol;

internal sealed class StreamOptionsDto
{
    /// <summary>Send one extra chunk with the usage (and no choices) before <c>[DONE]</c>.</summary>
    public bool? IncludeUsage { get; set; }
}
