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

    [Theory]
    [InlineData("Answer.", null)]
    [InlineData("<think>\nhmm\n</think>\n\nAnswer.", "hmm")]
    [InlineData("hmm, opened by the template\n</think>\n\nAnswer.", "hmm, opened by the template")]
    [InlineData("First.<think>a</think> Second.<think>b</think>", "a\nb")]
    [InlineData("Answer.<think>cut off mid-thought", "cut off mid-thought")]
    public void Extracts_what_the_sections_hold(string content, string? expected) =>
        Assert.Equal(expected, ReasoningHistory.ExtractSections(content, Think));
}
