namespace ReasoningServer.Engine.TinyModels;

/// <summary>Named sizes of the random-weight test model.</summary>
public enum TinyModelPreset
{
    /// <summary>About 132k parameters (270 KB): loads and decodes in milliseconds, for unit and integration tests.</summary>
    Test,

    /// <summary>About 25.4M parameters (51 MB, F16), so that decode time is dominated by the model rather than by server overhead.</summary>
    Bench,

    /// <summary>About 101M parameters (202 MB, F16): a model big enough that weight reads, not per-step overhead, bound decoding.</summary>
    Large,
}
