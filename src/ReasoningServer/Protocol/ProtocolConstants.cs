namespace ReasoningServer.Protocol;

internal static class ProtocolConstants
{
    /// <summary>Identifies this server's build in responses, as OpenAI's backend configuration id does.</summary>
    public const string SystemFingerprint = "fp_reasoningserver";
}
