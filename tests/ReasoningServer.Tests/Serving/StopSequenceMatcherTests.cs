using ReasoningServer.Serving;

namespace ReasoningServer.Tests.Serving;

public sealed class StopSequenceMatcherTests
{
    [Theory]
    [InlineData("42.\nUser: x", new[] { "\nUser:" }, "42.", true)]
    [InlineData("abcabd", new[] { "abd" }, "abc", true)]
    [InlineData("no stop <", new[] { "<end>" }, "no stop <", false)]
    [InlineData("x END y STOP", new[] { "STOP", "END" }, "x ", true)]
    public void Every_chunking_shows_the_same_text_and_never_part_of_a_stop(string output, string[] stops, string shown, bool stopped)
    {
        Assert.True(output.Length <= 14, "every chunking of n characters is 2^(n-1) cases");
        for (var mask = 0; mask < 1 << (output.Length - 1); mask++)
        {
            var matcher = new StopSequenceMatcher(stops);
            var text = string.Empty;
            var start = 0;
            for (var i = 0; i < output.Length && !matcher.Stopped; i++)
            {
                if (i == output.Length - 1 || (mask & (1 << i)) != 0)
                {
                    text += matcher.Push(output[start..(i + 1)]);
                    start = i + 1;
                }
            }

            text += matcher.Flush();
            Assert.Equal(shown, text);
            Assert.Equal(stopped, matcher.Stopped);
        }
    }

    [Fact]
    public void Without_stop_sequences_text_passes_straight_through()
    {
        var matcher = new StopSequenceMatcher([]);
        Assert.Equal("<", matcher.Push("<"));
        Assert.Equal(string.Empty, matcher.Flush());
    }
}
