namespace ReasoningServer.Engine.Gguf;

/// <summary>The ggml tensor element types the writer can produce (values are ggml's <c>ggml_type</c> ids).</summary>
public enum GgmlTensorType : uint
{
    F32 = 0,
    F16 = 1,
}
