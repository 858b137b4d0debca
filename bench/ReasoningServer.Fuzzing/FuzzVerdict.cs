namespace ReasoningServer.Fuzzing;

/// <summary>How one outcome counts.</summary>
public enum FuzzVerdict
{
    Ok,

    /// <summary>A 5xx: the server failed on input it should have refused.</summary>
    ServerError,

    /// <summary>A 4xx whose body is not exactly OpenAI's error shape.</summary>
    NotOpenAIShaped,

    /// <summary>No response to a complete, well-framed request (closed, reset or timed out).</summary>
    NoResponse,

    /// <summary>No response where the framing was broken on purpose (a cut-off body, a malformed header section): allowed.</summary>
    DroppedBrokenFraming,
}
