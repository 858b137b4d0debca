using System.Text.RegularExpressions;
using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>When the parser releases what: content as soon as it is safe, names as soon as known, arguments as they arrive.</summary>
public sealed partial class ToolCallStreamingTests
{
    [Fact]
    public void Content_is_released_as_soon_as_it_cannot_be_a_call()
    {
        var parser = NewParser(ToolCallCorpus.Hermes);
        Assert.Equal("I'll check", parser.Push("I'll check").Content);
        Assert.Equal(" the weather.", parser.Push(" the weather.").Content);
        Assert.True(parser.Push("\n").IsEmpty); // whitespace waits: before a call it is no content
        Assert.True(parser.Push("<tool").IsEmpty);
        Assert.True(parser.Push("_call>\n").IsEmpty);

        var named = parser.Push("{\"name\": \"get_weather\"");
        Assert.Equal([new ToolCallFragment(0, "call_0", "get_weather", "")], named.Fragments);
        Assert.Equal([new ToolCallFragment(0, null, null, "{\"location\": \"Pa")], parser.Push(", \"arguments\": {\"location\": \"Pa").Fragments);
        Assert.Equal([new ToolCallFragment(0, null, null, "ris\"}")], parser.Push("ris\"}}").Fragments);
        Assert.True(parser.Push("\n</tool_call>").IsEmpty);
        Assert.True(parser.Finish().IsEmpty);
        Assert.Equal([new ParsedToolCall("call_0", "get_weather", "{\"location\": \"Paris\"}")], parser.Calls);
    }

    [Fact]
    public void A_lookalike_marker_is_released_once_it_stops_matching()
    {
        var parser = NewParser(ToolCallCorpus.Hermes);
        Assert.Equal("a", parser.Push("a <tool").Content);
        Assert.Equal(" <toolbox> tags", parser.Push("box> tags").Content);
    }

    [Fact]
    public void Arguments_stream_in_pieces_as_tokens_arrive()
    {
        const string output = "Let me look that up.\n<tool_call>\n{\"name\": \"write_file\", \"arguments\": {\"path\": \"poem.txt\", " +
                              "\"content\": \"Roses are red,\\nviolets are blue,\\nstreaming is nice\\nand so are you.\"}}\n</tool_call>";
        var streamed = StreamedAnswer.Stream(ToolCallCorpus.Hermes, QwenLikeTokens(output));
        var call = Assert.Single(streamed.Calls);
        Assert.True(call.IsComplete);
        Assert.True(streamed.ArgumentPieces[0] > 20, $"arguments came in {streamed.ArgumentPieces[0]} pieces");
        Assert.Equal("Let me look that up.", streamed.Content);
    }

    [Fact]
    public void A_long_string_argument_streams_in_linear_time()
    {
        // A megabyte of file content in 4-character pieces: re-reading the open string with each piece would
        // scan ~10^11 bytes (minutes); following it costs one pass.
        const string line = """    if (x < 10) { print(\"tab\\there \u00e9\"); }\n""";
        var content = string.Concat(Enumerable.Repeat(line, 1_000_000 / line.Length));
        var output = $"<tool_call>\n{{\"name\": \"write_file\", \"arguments\": {{\"path\": \"a.c\", \"content\": \"{content}\"}}}}\n</tool_call>";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var streamed = StreamedAnswer.Stream(ToolCallCorpus.Hermes, StreamedAnswer.RandomPieces(output, new Random(3), maxLength: 4));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal($"{{\"path\": \"a.c\", \"content\": \"{content}\"}}", Assert.Single(streamed.Calls).ArgumentsJson);
        Assert.True(streamed.Calls[0].IsComplete);
    }

    [Fact]
    public void A_deepseek_r1_name_is_sent_at_the_end_of_its_line()
    {
        var parser = NewParser(ToolCallCorpus.DeepSeekR1);
        Assert.True(parser.Push($"{ToolCallCorpus.CallsBegin}{ToolCallCorpus.CallBegin}function{ToolCallCorpus.Sep}get_time").IsEmpty);
        Assert.Equal("get_time", Assert.Single(parser.Push("\n").Fragments).Name);
        Assert.True(parser.Push("```json\n").IsEmpty);
        Assert.Equal("{\"tz\"", Assert.Single(parser.Push("{\"tz\"").Fragments).ArgumentsPiece);
    }

    [Fact]
    public void A_deepseek_v31_name_is_sent_at_the_separator()
    {
        var parser = NewParser(ToolCallCorpus.DeepSeekV31);
        Assert.True(parser.Push($"{ToolCallCorpus.CallsBegin}{ToolCallCorpus.CallBegin}get_time").IsEmpty);
        Assert.Equal("get_time", Assert.Single(parser.Push(ToolCallCorpus.Sep).Fragments).Name);
    }

    [Fact]
    public void A_llama_answer_that_may_be_a_call_is_held_until_decided()
    {
        var parser = NewParser(ToolCallCorpus.Llama);
        Assert.True(parser.Push("{\"answer\": 4").IsEmpty);
        Assert.Equal("{\"answer\": 42}", parser.Push("2}").Content); // closed without a name: no call
        Assert.Equal(" km", parser.Push(" km").Content);

        var call = NewParser(ToolCallCorpus.Llama);
        Assert.True(call.Push("{\"name\": \"get_wea").IsEmpty);
        Assert.Equal("get_weather", Assert.Single(call.Push("ther\", ").Fragments).Name);
    }

    [Fact]
    public void A_call_cut_off_by_the_end_of_generation_stays_a_call_marked_incomplete()
    {
        var parser = NewParser(ToolCallCorpus.Hermes);
        parser.Push("<tool_call>\n{\"name\": \"search\", \"arguments\": {\"query\": \"weather in");
        Assert.True(parser.Finish().IsEmpty);
        Assert.Equal([new ParsedToolCall("call_0", "search", "{\"query\": \"weather in", IsComplete: false)], parser.Calls);
    }

    [Fact]
    public void A_call_undecided_at_the_end_is_content()
    {
        var parser = NewParser(ToolCallCorpus.Hermes);
        Assert.Equal("Sure", parser.Push("Sure\n<tool_call>\n{\"na").Content);
        Assert.Equal("\n<tool_call>\n{\"na", parser.Finish().Content);
        Assert.Empty(parser.Calls);
    }

    [Fact]
    public void Without_declared_tools_every_call_is_content()
    {
        const string output = "<tool_call>\n{\"name\": \"get_time\", \"arguments\": {}}\n</tool_call>";
        var (content, calls) = ToolCallParser.ParseAll(ToolCallCorpus.Hermes, output, new HashSet<string>());
        Assert.Equal(output, content);
        Assert.Empty(calls);
    }

    [Fact]
    public void Finishing_twice_is_harmless_and_pushing_after_is_an_error()
    {
        var parser = NewParser(ToolCallCorpus.Hermes);
        Assert.Equal("hi", parser.Push("hi").Content);
        Assert.True(parser.Finish().IsEmpty);
        Assert.True(parser.Finish().IsEmpty);
        Assert.Throws<InvalidOperationException>(() => parser.Push("more"));
    }

    [Fact]
    public void Default_ids_have_openai_shape()
    {
        var parser = new ToolCallParser(ToolCallCorpus.Hermes, StreamedAnswer.Tools);
        parser.Push("<tool_call>{\"name\": \"get_time\"}</tool_call><tool_call>{\"name\": \"get_time\"}</tool_call>");
        parser.Finish();
        Assert.Equal(2, parser.Calls.Count);
        Assert.All(parser.Calls, c => Assert.Matches("^call_[A-Za-z0-9]{24}$", c.Id));
        Assert.NotEqual(parser.Calls[0].Id, parser.Calls[1].Id);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void The_text_a_grammar_forces_reads_back_as_the_calls(string name)
    {
        // What a grammar builder makes of the format's pieces: two calls, a name needing escapes where it is a JSON string.
        var format = AllFormats.Single(f => f.Name == name);
        var tools = new HashSet<string> { "get_weather", "say \"hi\"" };
        var second = format.NameIsJsonString ? "say \\\"hi\\\"" : "get_weather";
        string Call(string writtenName, string arguments) => format.CallStart + writtenName + format.NameEnd + arguments + format.CallEnd;
        var output = format.SectionStart + Call("get_weather", "{\"location\": \"Oslo\"}") + format.CallSeparator +
                     Call(second, "{\"n\": 1}") + format.SectionEnd;

        var next = 0;
        var (content, calls) = ToolCallParser.ParseAll(format, output, tools, () => $"call_{next++}");
        Assert.Equal("", content);
        Assert.Equal(
            [
                new ParsedToolCall("call_0", "get_weather", "{\"location\": \"Oslo\"}"),
                new ParsedToolCall("call_1", format.NameIsJsonString ? "say \"hi\"" : "get_weather", "{\"n\": 1}"),
            ],
            calls);
    }

    public static IEnumerable<object[]> Formats => AllFormats.Select(f => new object[] { f.Name });

    private static ToolCallFormat[] AllFormats => [ToolCallCorpus.Hermes, ToolCallCorpus.DeepSeekR1, ToolCallCorpus.DeepSeekV31, ToolCallCorpus.Llama];

    private static ToolCallParser NewParser(ToolCallFormat format)
    {
        var next = 0;
        return new ToolCallParser(format, StreamedAnswer.Tools, () => $"call_{next++}");
    }

    // Roughly how a BPE vocabulary cuts such text: words with their leading space, digit runs, short punctuation
    // runs; <tool_call> and </tool_call> are single tokens in Qwen vocabularies.
    private static IEnumerable<string> QwenLikeTokens(string text) => TokenPattern().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"</?tool_call>| ?[A-Za-z]+| ?\d+|\s+|[^\sA-Za-z\d]{1,2}")]
    private static partial Regex TokenPattern();
}
