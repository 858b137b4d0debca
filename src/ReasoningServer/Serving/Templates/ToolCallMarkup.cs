using ReasoningServer.Reasoning.Tools;

namespace ReasoningServer.Serving.Templates;

/// <summary>A model family's tool-call markup written out: for the server's own tool prompt and for history calls a template cannot render.</summary>
internal static class ToolCallMarkup
{
    /// <summary>The calls as text pieces: markup (trusted, may become control tokens) and names and arguments (data).</summary>
    public static List<(string Text, bool FromData)> Write(ToolCallFormat format, IReadOnlyList<(string Name, string Arguments)> calls)
    {
        var pieces = new List<(string, bool)> { (format.SectionStart, false) };
        for (var i = 0; i < calls.Count; i++)
        {
            if (i > 0)
            {
                pieces.Add((format.CallSeparator, false));
            }

            pieces.Add((format.CallStart, false));
            pieces.Add((calls[i].Name, true));
            pieces.Add((format.NameEnd, false));
            pieces.Add((calls[i].Arguments, true));
            pieces.Add((format.CallEnd, false));
        }

        pieces.Add((format.SectionEnd, false));
        return pieces;
    }

    /// <summary>What the server's tool prompt shows the model as the shape of one call.</summary>
    public static string Example(ToolCallFormat format) =>
        format.SectionStart + format.CallStart + "<function-name>" + format.NameEnd + "<args-json-object>" + format.CallEnd + format.SectionEnd;
}
