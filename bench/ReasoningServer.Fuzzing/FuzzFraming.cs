namespace ReasoningServer.Fuzzing;

/// <summary>How the body's length is told, honestly or not.</summary>
public enum FuzzFraming
{
    ContentLength,
    Chunked,

    /// <summary>Chunked, stopping in the middle of a chunk (sent with <see cref="FuzzDelivery.HalfClose"/>).</summary>
    ChunkedCutOff,

    /// <summary>A chunk size that is not hexadecimal.</summary>
    ChunkedBadSize,

    /// <summary>Content-Length larger than the bytes sent (sent with <see cref="FuzzDelivery.HalfClose"/>).</summary>
    ContentLengthLong,

    /// <summary>Content-Length smaller than the body: the rest is garbage after the request.</summary>
    ContentLengthShort,

    /// <summary>No length header at all: a request without a body, whatever follows.</summary>
    None,
}
