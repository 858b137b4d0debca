using ReasoningServer.Reasoning.Formats;
using ReasoningServer.Reasoning.Splitting;

namespace ReasoningServer.Reasoning.Tests.Splitting;

public sealed class ReasoningSplitterTests
{
    [Theory]
    [InlineData("<think>ab</think>\n\ncd", false, "ab", "cd")]
    [InlineData(" <think>\nx<y</think>z", false, "x<y", "z")]
    [InlineData("ab</thin</think>c", true, "ab</thin", "c")]
    [InlineData("plain <think> answer", false, "", "plain <think> answer")]
    [InlineData("a</think", true, "a</think", "")]
    [InlineData("<thin", false, "", "<thin")]
    public void Every_chunking_gives_the_same_split(string output, bool openedByPrompt, string reasoning, string answer)
    {
        // Every way of cutting the text into pieces: bit i of the mask set = a cut after character i.
        var cuts = output.Length - 1;
        for (var mask = 0; mask < 1 << cuts; mask++)
        {
            var (gotReasoning, gotAnswer) = Split(Chunk(output, mask), openedByPrompt);
            Assert.Equal(reasoning, gotReasoning);
            Assert.Equal(answer, gotAnswer);
        }
    }

    [Fact]
    public void Long_output_split_at_random_matches_split_whole()
    {
        const string output = "Let me think.\n</thi nope <think> still thinking, 2+2=4.</think>\n\nThe answer is 4.";
        var expected = Split([output], openedByPrompt: true);
        Assert.Equal(("Let me think.\n</thi nope <think> still thinking, 2+2=4.", "The answer is 4."),
            (expected.Reasoning, expected.Answer));

        var random = new Random(7);
        for (var trial = 0; trial < 2000; trial++)
        {
            var pieces = new List<string>();
            for (var at = 0; at < output.Length;)
            {
                var length = Math.Min(random.Next(1, 6), output.Length - at);
                pieces.Add(output.Substring(at, length));
                at += length;
            }

            Assert.Equal(expected, Split(pieces, openedByPrompt: true));
        }
    }

    [Fact]
    public void Tokens_are_counted_on_the_side_they_belong_to()
    {
        var splitter = new ReasoningSplitter(ReasoningFormat.Think, thinkingOpenedByPrompt: false);
        foreach (var token in new[] { "\n", "<think>", "a", "b", "</think>", "\n\n", "c" })
        {
            splitter.Push(token);
        }

        splitter.Flush();
        Assert.Equal(5, splitter.ReasoningTokens); // leading newline, start tag, a, b, end tag
        Assert.Equal(2, splitter.AnswerTokens);
    }

    [Fact]
    public void A_control_token_with_no_text_still_counts()
    {
        var splitter = new ReasoningSplitter(ReasoningFormat.Think, thinkingOpenedByPrompt: true);
        splitter.Push("a");
        splitter.Push(string.Empty);
        Assert.Equal(2, splitter.ReasoningTokens);
        Assert.Equal(ReasoningSection.Thinking, splitter.Section);
    }

    [Fact]
    public void Output_without_thinking_is_all_answer()
    {
        var splitter = new ReasoningSplitter(ReasoningFormat.Think, thinkingOpenedByPrompt: false);
        var first = splitter.Push("Hi");
        splitter.Push(" there");
        Assert.Equal("Hi", first.Answer);
        Assert.Equal((0, 2), (splitter.ReasoningTokens, splitter.AnswerTokens));
    }

    [Fact]
    public void A_model_without_a_reasoning_format_only_answers()
    {
        var splitter = new ReasoningSplitter(format: null, thinkingOpenedByPrompt: false);
        Assert.Equal("<think>a", splitter.Push("<think>a").Answer);
        Assert.Equal(string.Empty, splitter.Push(string.Empty).Answer);
        Assert.Equal((0, 2), (splitter.ReasoningTokens, splitter.AnswerTokens));
    }

    private static List<string> Chunk(string text, int mask)
    {
        var pieces = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                pieces.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        pieces.Add(text[start..]);
        return pieces;
    }

    private static (string Reasoning, string Answer) Split(IEnumerable<string> pieces, bool openedByPrompt)
    {
        var splitter = new ReasoningSplitter(ReasoningFormat.Think, openedByPrompt);
        var reasoning = string.Empty;
        var answer = string.Empty;
        foreach (var piece in pieces)
        {
            var part = splitter.Push(piece);
            reasoning += part.Reasoning;
            answer += part.Answer;
        }

        var rest = splitter.Flush();
        return (reasoning + rest.Reasoning, answer + rest.Answer);
    }
}
