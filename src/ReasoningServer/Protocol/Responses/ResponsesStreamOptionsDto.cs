namespace ReasoningServer.Protocol.Responses;

internal sealed class ResponsesStreamOptionsDto
{
    /// <summary>A documented no-op: no obfuscation padding is added.</summary>
    public bool? IncludeObfuscation { get; set; }
}
