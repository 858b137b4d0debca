using ReasoningServer.Engine.Sampling;
using ReasoningServer.Native;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Serving.StructuredOutputs;
using ReasoningServer.Serving.Tools;

namespace ReasoningServer.Serving;

/// <summary>A validated request in domain terms: tokens, limits and how to present the output.</summary>
/// <param name="ThinkingOpenedByPrompt">The prompt ends inside a thinking section (the template opened it).</param>
/// <param name="MaxTokens">Generated tokens allowed per choice, reasoning included, already clamped to the window.</param>
/// <param name="Stop">Sequences that end the visible output; matched on the answer, not on the thinking.</param>
/// <param name="ThinkingBudget">Budget forcing for each choice, already clamped to <paramref name="MaxTokens"/>; null: none.</param>
/// <param name="DroppedMessages">Oldest messages that <c>truncation: "auto"</c> left out to fit the window.</param>
/// <param name="TestTime">A test-time request: <paramref name="Choices"/> are its samples, which become one choice.</param>
internal sealed record CompletionJob(
    ServedModel Model,
    IReadOnlyList<LlamaToken> Prompt,
    bool ThinkingOpenedByPrompt,
    SamplingParameters Sampling,
    int MaxTokens,
    IReadOnlyList<string> Stop,
    int? TopLogprobs,
    int Choices,
    ReasoningDisplay Display,
    ThinkingBudget? ThinkingBudget = null,
    int DroppedMessages = 0,
    TestTimePlan? TestTime = null)
{
    /// <summary>The functions the model may call and how; null when it calls none.</summary>
    public ToolPlan? Tools { get; init; }

    /// <summary>What the visible answer must be (<c>response_format</c>).</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>The grammar every choice's answer follows (structured output, forced tool calls); null when free.</summary>
    public GrammarConstraint? Grammar { get; init; }
}
