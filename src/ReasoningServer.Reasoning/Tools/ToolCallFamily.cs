namespace ReasoningServer.Reasoning.Tools;

/// <summary>The ways of writing tool calls into generated text that the parser understands.</summary>
public enum ToolCallFamily
{
    /// <summary>Hermes 2 Pro / 3, Qwen2.5, Qwen3, QwQ: <c>&lt;tool_call&gt;{"name": …, "arguments": {…}}&lt;/tool_call&gt;</c>.</summary>
    Hermes,

    /// <summary>DeepSeek-R1 and V3: <c>function&lt;｜tool▁sep｜&gt;NAME</c>, then the arguments in a json code fence.</summary>
    DeepSeekR1,

    /// <summary>DeepSeek-V3.1: <c>NAME&lt;｜tool▁sep｜&gt;{…}</c>, no type word and no fence.</summary>
    DeepSeekV31,

    /// <summary>Llama 3.1 / 3.2 / 3.3 custom tools: the whole answer is <c>{"name": …, "parameters": {…}}</c>.</summary>
    Llama3Json,
}
