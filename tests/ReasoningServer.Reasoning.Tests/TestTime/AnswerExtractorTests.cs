using ReasoningServer.Reasoning.TestTime;

namespace ReasoningServer.Reasoning.Tests.TestTime;

public sealed class AnswerExtractorTests
{
    [Theory]
    [InlineData("17 + 25 = 42", "42")]
    [InlineData("The answer is 042.", "42")]
    [InlineData("so 42.50 in total", "42.5")]
    [InlineData("about 1,234,567 people", "1234567")]
    [InlineData("from 3-4 we get -7", "-7")]
    [InlineData("3-4", "4")] // a minus between digits is not a sign
    [InlineData("-0", "0")]
    [InlineData("no digits here", null)]
    [InlineData("", null)]
    public void The_last_number_is_found_and_written_canonically(string answer, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.LastNumber.Extract(answer));

    [Theory]
    [InlineData(@"first \boxed{3} then \boxed{ 42 }", "42")]
    [InlineData(@"\boxed{\frac{1}{2}}", @"\frac{1}{2}")]
    [InlineData(@"\boxed{x  +   1}", "x + 1")]
    [InlineData(@"\boxed{12", null)] // cut off before the brace closed
    [InlineData("42", null)]
    public void The_last_boxed_content_is_found_with_balanced_braces(string answer, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.Boxed.Extract(answer));

    [Theory]
    [InlineData(@"Answer:\s*(\w+)", "Answer: yes. Answer: no", "no")]
    [InlineData(@"[A-D]\)", "B) or C)", "C)")] // no group: the whole match
    [InlineData(@"Answer:\s*(\d+)", "Answer: 007", "7")] // a number is normalised whatever found it
    [InlineData(@"Answer:\s*(\d+)", "nothing", null)]
    public void A_pattern_takes_its_first_group_of_the_last_match(string pattern, string answer, string? expected) =>
        Assert.Equal(expected, AnswerExtractor.FromPattern(pattern).Extract(answer));

    [Fact]
    public void An_invalid_pattern_is_refused_up_front() =>
        Assert.ThrowsAny<ArgumentException>(() => AnswerExtractor.FromPattern("(unclosed"));
}
