using System.Text;

namespace ReasoningServer.Bench.Common;

/// <summary>
/// User messages of a given length in tokens for the tiny models, whose byte vocabulary has no merges: one
/// character is one token, so a prompt's length is exact on every server that uses the model's own tokenizer.
/// </summary>
internal static class PromptText
{
    /// <summary>Tokens the ChatML template adds around one user message (opening, role, closing, assistant turn, &lt;think&gt;).</summary>
    public const int TemplateTokens = 22;

    private static readonly string[] Words =
    [
        "the", "model", "reasons", "about", "a", "number", "of", "apples", "train", "leaves", "station", "at", "noon",
        "speed", "distance", "prime", "factor", "sum", "product", "triangle", "angle", "proof", "because", "therefore",
    ];

    /// <summary>A message that templates to about <paramref name="promptTokens"/> tokens; distinct for each <paramref name="stream"/>.</summary>
    public static string Make(int promptTokens, int stream)
    {
        var length = Math.Max(8, promptTokens - TemplateTokens);
        var random = new Random(1000 + stream);
        var text = new StringBuilder(length + 16).Append("Stream ").Append(stream).Append(": ");
        while (text.Length < length)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(' ');
        }

        return text.ToString(0, length);
    }
}
