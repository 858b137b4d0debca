namespace ReasoningServer.Serving.Templates;

/// <summary>What <see cref="ChatMessageReader"/> learned of the model's template once per request.</summary>
/// <param name="KeepDeveloper">The template knows the developer role; otherwise it becomes system.</param>
/// <param name="TemplateRendersTools">The template renders <c>tool_calls</c> and tool results itself.</param>
/// <param name="ObjectArguments">Tool-call arguments reach the template as an object, not the JSON text.</param>
/// <param name="ReasoningVariable">The template renders <c>reasoning_content</c> itself.</param>
/// <param name="NullContent">The template tests content for none (DeepSeek's); others get "".</param>
internal sealed record MessageReadContext(PromptModel Model, bool KeepDeveloper, bool TemplateRendersTools, bool ObjectArguments, bool ReasoningVariable, bool NullContent);
