namespace ReasoningServer.Bench.Soak;

/// <summary>How one soak client treats its streams.</summary>
internal enum SoakClientKind
{
    /// <summary>Reads every stream to its end as fast as it can.</summary>
    Normal,

    /// <summary>Reads a random number of chunks, then closes the connection.</summary>
    HangUpMidStream,

    /// <summary>Sends the request and closes the connection within a few milliseconds, before any response byte.</summary>
    HangUpBeforeFirstByte,

    /// <summary>Reads a few hundred bytes at a time with sleeps between, over a socket with a tiny receive buffer.</summary>
    SlowReader,
}
