using ReasoningServer.Engine.Text;

namespace ReasoningServer.Reasoning.Formats;

/// <summary>Finds a model's thinking delimiters from its vocabulary: a format applies when both tags are single tokens.</summary>
public static class ReasoningFormatDetector
{
    private static readonly ReasoningFormat[] Known = [ReasoningFormat.Think];

    /// <returns>The format, or null for a model that does not think in delimited sections.</returns>
    public static ReasoningFormat? Detect(Tokenizer tokenizer) =>
        Known.FirstOrDefault(f => tokenizer.FindSingleToken(f.StartTag) is not null && tokenizer.FindSingleToken(f.EndTag) is not null);
}
