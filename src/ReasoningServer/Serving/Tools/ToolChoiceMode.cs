namespace ReasoningServer.Serving.Tools;

/// <summary>What <c>tool_choice</c> asks of the model.</summary>
internal enum ToolChoiceMode
{
    /// <summary>The model decides whether to call tools (OpenAI's default when tools are given).</summary>
    Auto,

    /// <summary>The model must call at least one tool.</summary>
    Required,

    /// <summary>The model must call one named function.</summary>
    Named,
}
