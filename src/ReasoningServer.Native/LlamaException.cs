namespace ReasoningServer.Native;

/// <summary>A llama.cpp call failed, or the native library could not be located, provisioned or loaded.</summary>
public sealed class LlamaException : Exception
{
    public LlamaException()
    {
    }

    public LlamaException(string message)
        : base(message)
    {
    }

    public LlamaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
