namespace ReasoningServer.Bench.Soak;

/// <summary>One request a soak client made, as the client saw it.</summary>
/// <param name="RequestId">The server's <c>x-request-id</c>; null when the client left before the response headers.</param>
/// <param name="Status">HTTP status; 0 when the client left before it.</param>
/// <param name="Chunks">Stream chunks carrying generated text that the client read.</param>
/// <param name="UsageTokens">completion_tokens of the final usage chunk, when the client read to the end.</param>
/// <param name="DecodeSeconds">From the first text chunk to the last one.</param>
internal sealed record SoakRequestResult(
    SoakClientKind Kind,
    bool InBaseline,
    string? RequestId,
    int Status,
    int Chunks,
    int? UsageTokens,
    double DecodeSeconds,
    bool ReadToEnd)
{
    /// <summary>Tokens per second this stream delivered (text chunks over decode time), when it delivered several.</summary>
    public double? Rate => Chunks > 1 && DecodeSeconds > 0 ? (Chunks - 1) / DecodeSeconds : null;
}
