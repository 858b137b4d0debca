namespace ReasoningServer.Serving;

/// <summary>How a response shows the model's thinking (request field <c>reasoning_format</c>).</summary>
internal enum ReasoningDisplay
{
    /// <summary>Thinking is counted and billed but not returned (OpenAI's behaviour).</summary>
    Hidden,

    /// <summary>Thinking is returned beside the answer as <c>reasoning_content</c> (DeepSeek, llama-server).</summary>
    ReasoningContent,

    /// <summary>The generated text as is, delimiters included, in <c>content</c>.</summary>
    Raw,
}
