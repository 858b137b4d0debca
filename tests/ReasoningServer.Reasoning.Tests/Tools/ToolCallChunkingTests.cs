using System.Text.Json;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>Every chunking of every corpus output gives the same content and calls, and the expected ones.</summary>
public sealed class ToolCallChunkingTests
{
    public static IEnumerable<object[]> Cases => ToolCallCorpus.All.Select(c => new object[] { c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Whole_output_gives_the_expected_content_and_calls(string name)
    {
        var (testCase, expected) = Load(name);
        var next = 0;
        var (content, calls) = ToolCallParser.ParseAll(testCase.Format, testCase.Output, StreamedAnswer.Tools, () => $"call_{next++}");
        Assert.Equal(testCase.Content, content);
        Assert.Equal(expected, calls);
        foreach (var call in calls.Where(c => c.IsComplete))
        {
            using var arguments = JsonDocument.Parse(call.ArgumentsJson);
            Assert.Equal(JsonValueKind.Object, arguments.RootElement.ValueKind);
        }

        AssertSame(testCase, expected, StreamedAnswer.Stream(testCase.Format, [testCase.Output]));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Character_by_character_gives_the_same(string name)
    {
        var (testCase, expected) = Load(name);
        AssertSame(testCase, expected, StreamedAnswer.Stream(testCase.Format, StreamedAnswer.Characters(testCase.Output)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_split_point_gives_the_same(string name)
    {
        var (testCase, expected) = Load(name);
        for (var at = 1; at < testCase.Output.Length; at++)
        {
            AssertSame(testCase, expected, StreamedAnswer.Stream(testCase.Format, StreamedAnswer.Cut(testCase.Output, [at])));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_pair_of_nearby_split_points_gives_the_same(string name)
    {
        // Every pair of cuts at most 48 characters apart (a marker and the text deciding it are that close);
        // all pairs would be quadratic in the long outputs.
        var (testCase, expected) = Load(name);
        var length = testCase.Output.Length;
        for (var first = 1; first < length; first++)
        {
            for (var second = first + 1; second < Math.Min(length, first + 48); second++)
            {
                AssertSame(testCase, expected, StreamedAnswer.Stream(testCase.Format, StreamedAnswer.Cut(testCase.Output, [first, second])));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Random_chunkings_give_the_same(string name)
    {
        var (testCase, expected) = Load(name);
        var random = new Random(name.Length * 7919 + name[0]);
        for (var trial = 0; trial < 300; trial++)
        {
            var pieces = StreamedAnswer.RandomPieces(testCase.Output, random, maxLength: 1 + trial % 12);
            AssertSame(testCase, expected, StreamedAnswer.Stream(testCase.Format, pieces));
        }
    }

    public static IEnumerable<object[]> WindowedOutputs =>
    [
        ["hermes", "a \n<tool_call>{\"name\":\"f\",\"arguments\":{\"k\":\"}\"}}</tool_call>\nb"],
        ["hermes", "<tool_call>\n<tool_call>{\"name\":\"g\"} <tool_call>{\"name\":\"f\""],
        ["llama", " <|python_tag|>{\"name\":\"f\",\"parameters\":{}}; {\"name\":\"f\""],
        ["deepseek", $"{ToolCallCorpus.CallsBegin}f{ToolCallCorpus.Sep}{{\"a\":[1]}}{ToolCallCorpus.CallEnd}\n" +
                     $"{ToolCallCorpus.CallBegin}function{ToolCallCorpus.Sep}f\n```json\n{{}}\n```"],
    ];

    [Theory]
    [MemberData(nameof(WindowedOutputs))]
    public void Every_chunking_within_any_window_gives_the_same(string family, string output)
    {
        // All 2^10 ways of cutting the output within each 11-character window, for every window position.
        const int window = 10;
        var format = family switch
        {
            "hermes" => ToolCallCorpus.Hermes,
            "llama" => ToolCallCorpus.Llama,
            _ => ToolCallCorpus.DeepSeekV31,
        };
        var tools = new HashSet<string> { "f" };
        var whole = StreamedAnswer.Stream(format, [output], tools);
        Assert.NotEmpty(whole.Calls);
        for (var start = 0; start < output.Length - 1; start++)
        {
            var cuts = Math.Min(window, output.Length - 1 - start);
            for (var mask = 1; mask < 1 << cuts; mask++)
            {
                var positions = Enumerable.Range(0, cuts).Where(i => (mask & (1 << i)) != 0).Select(i => start + i + 1);
                var streamed = StreamedAnswer.Stream(format, StreamedAnswer.Cut(output, positions), tools);
                Assert.Equal(whole.Content, streamed.Content);
                Assert.Equal(whole.Calls, streamed.Calls);
            }
        }
    }

    private static (ToolCallCase Case, IReadOnlyList<ParsedToolCall> Expected) Load(string name)
    {
        var testCase = ToolCallCorpus.All.Single(c => c.Name == name);
        var expected = testCase.Calls.Select((c, i) => new ParsedToolCall($"call_{i}", c.Name, c.ArgumentsJson, c.IsComplete)).ToArray();
        return (testCase, expected);
    }

    private static void AssertSame(ToolCallCase testCase, IReadOnlyList<ParsedToolCall> expected, StreamedAnswer streamed)
    {
        Assert.Equal(testCase.Content, streamed.Content);
        Assert.Equal(expected, streamed.Calls);
    }
}
