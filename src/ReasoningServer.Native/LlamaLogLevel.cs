namespace ReasoningServer.Native;

/// <summary>C <c>enum ggml_log_level</c>.</summary>
public enum LlamaLogLevel
{
    None = 0,
    Debug = 1,
    Info = 2,
    Warn = 3,
    Error = 4,

    /// <summary>Continuation of the previous message (never passed to a managed log sink).</summary>
    Cont = 5,
}
