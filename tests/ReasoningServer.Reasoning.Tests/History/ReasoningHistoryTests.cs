using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Reasoning.History;

namespace ReasoningServer.Reasoning.Tests.History;

public sealed class ReasoningHistoryTests
{
    private static readonly ReasoningFormat Think = ReasoningFormat.Think;

    [Theory]
    [InlineData("Answer.", "Answer.")]
    [InlineData("<think>\nhmm\n</think>\n\nAnswer.", "Answer.")]
    [InlineData("hmm, opened by the template\n</think>\n\nAnswer.", "Answer.")]
    [InlineData("First.<think>a</think> Second.<think>b</think>", "First. Second.")]
    [InlineData("Answer.<think>cut off mid-thought", "Answer.")]
    public void Strips_every_thinking_section(string content, string expected) =>
        Assert.Equal(expected, ReasoningHistory.StripSections(content, Think));

    [Fact]
    public void The_current_turn_context_drops_the_reasoning_field_too() =>
        Assert.Equal("Answer.", ReasoningHistory.AssistantContent("<think>x</think>Answer.", "more thoughts", Think, ReasoningContext.CurrentTurn));

    [Fact]
    public void All_turns_puts_the_reasoning_back_inside_the_delimiters() =>
        Assert.Equal("<think>\nthoughts\n</think>\n\nAnswer.", ReasoningHistory.AssistantContent("Answer.", "thoughts", Think, ReasoningContext.AllTurns));
}
