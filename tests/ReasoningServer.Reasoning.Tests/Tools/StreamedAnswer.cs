using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Reasoning.Tests.Tools;

/// <summary>What a client assembles from a parser's deltas, checked against the parser's own view as it goes.</summary>
internal sealed record StreamedAnswer(string Content, IReadOnlyList<ParsedToolCall> Calls, int Deltas, IReadOnlyList<int> ArgumentPieces)
{
    public static readonly IReadOnlySet<string> Tools =
        new HashSet<string>(StringComparer.Ordinal) { "get_weather", "get_time", "search", "write_file", "calculate" };

    /// <summary>Feeds the pieces one by one, as the host would, and assembles the result as an OpenAI client would.</summary>
    public static StreamedAnswer Stream(ToolCallFormat format, IEnumerable<string> pieces, IReadOnlySet<string>? tools = null)
    {
        var next = 0;
        var parser = new ToolCallParser(format, tools ?? Tools, () => $"call_{next++}");
        var content = new System.Text.StringBuilder();
        var ids = new List<string>();
        var names = new List<string>();
        var arguments = new List<System.Text.StringBuilder>();
        var argumentPieces = new List<int>();
        var deltas = 0;

        void Collect(ToolCallDelta delta)
        {
            deltas++;
            content.Append(delta.Content);
            var lastIndex = -1;
            foreach (var fragment in delta.Fragments)
            {
                Assert.True(fragment.Index > lastIndex, "one fragment per call per delta, in call order");
                lastIndex = fragment.Index;
                if (fragment.Index == ids.Count)
                {
                    // A call's first fragment carries its id and name.
                    Assert.NotNull(fragment.Id);
                    Assert.NotNull(fragment.Name);
                    ids.Add(fragment.Id!);
                    names.Add(fragment.Name!);
                    arguments.Add(new System.Text.StringBuilder());
                    argumentPieces.Add(0);
                }
                else
                {
                    Assert.InRange(fragment.Index, 0, ids.Count - 1);
                    Assert.Null(fragment.Id);
                    Assert.Null(fragment.Name);
                    Assert.NotEqual(string.Empty, fragment.ArgumentsPiece);
                }

                arguments[fragment.Index].Append(fragment.ArgumentsPiece);
                if (fragment.ArgumentsPiece.Length > 0)
                {
                    argumentPieces[fragment.Index]++;
                }
            }
        }

        foreach (var piece in pieces)
        {
            Collect(parser.Push(piece));
        }

        Collect(parser.Finish());
        var calls = parser.Calls;
        Assert.Equal(ids.Count, calls.Count);
        for (var i = 0; i < calls.Count; i++)
        {
            // The streamed pieces add up to exactly the final call.
            Assert.Equal(calls[i].Id, ids[i]);
            Assert.Equal(calls[i].Name, names[i]);
            Assert.Equal(calls[i].ArgumentsJson, arguments[i].ToString());
        }

        return new StreamedAnswer(content.ToString(), calls, deltas, argumentPieces);
    }

    /// <summary>The text cut into pieces at the given character positions.</summary>
    public static List<string> Cut(string text, IEnumerable<int> cuts)
    {
        var pieces = new List<string>();
        var start = 0;
        foreach (var at in cuts.Where(c => c > 0 && c < text.Length).Distinct().Order())
        {
            pieces.Add(text[start..at]);
            start = at;
        }

        pieces.Add(text[start..]);
        return pieces;
    }

    public static List<string> RandomPieces(string text, Random random, int maxLength)
    {
        var cuts = new List<int>();
        for (var at = random.Next(1, maxLength + 1); at < text.Length; at += random.Next(1, maxLength + 1))
        {
            cuts.Add(at);
        }

        return Cut(text, cuts);
    }

    public static IEnumerable<string> Characters(string text) => text.Select(c => c.ToString());
}
