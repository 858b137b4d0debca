namespace ReasoningServer.Protocol;

internal sealed class StreamOptionsDto
{
    /// <summary>Send one extra chunk with the usage (and no choices) before <c>[DONE]</c>.</summary>
    public bool? IncludeUsage { get; set; }

    /// <summary>A documented no-op: OpenAI pads chunks against side channels on the public internet; this server does not.</summary>
    public bool? IncludeObfuscation { get; set; }
}
