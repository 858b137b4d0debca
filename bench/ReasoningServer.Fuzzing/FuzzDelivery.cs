namespace ReasoningServer.Fuzzing;

/// <summary>How a case's bytes go over the socket.</summary>
public enum FuzzDelivery
{
    /// <summary>All bytes at once, then the response is read.</summary>
    Whole,

    /// <summary>The bytes, then the sending half is shut: a body cut off mid-chunk or short of its Content-Length.</summary>
    HalfClose,

    /// <summary>A few bytes at a time with pauses: slow-loris headers that do complete.</summary>
    Trickle,
}
