using System.Text;

namespace ReasoningServer.Bench.Load;

/// <summary>
/// Deterministic, realistic-looking chat traffic: a shared system prompt (as deployments have), then user turns
/// of varied lengths, from a short question to a pasted paragraph. Seeded per client, so every target sees the
/// same conversations.
/// </summary>
internal static class ConversationScript
{
    public const string SystemPrompt =
        "You are a careful assistant. Think step by step before answering, check your arithmetic, and keep the final answer short.";

    private static readonly string[] Words =
    [
        "the", "model", "reasons", "about", "a", "number", "of", "apples", "train", "leaves", "station", "at", "noon",
        "speed", "distance", "prime", "factor", "sum", "product", "triangle", "angle", "proof", "because", "therefore",
        "if", "then", "each", "box", "holds", "seven", "twelve", "more", "than", "less", "twice", "half", "total",
    ];

    /// <summary>The user message of one turn: 8 to about 150 words, skewed towards short.</summary>
    /// <param name="run">Makes each run's conversations its own, so one run never hits another's cached prefixes.</param>
    public static string UserTurn(int run, int client, int turn)
    {
        var random = new Random((client * 7919) + turn);
        var words = 8 + (int)(Math.Pow(random.NextDouble(), 2) * 150);
        var text = new StringBuilder(turn == 0 ? $"Question {run}: " : "Follow-up: ");
        for (var i = 0; i < words; i++)
        {
            text.Append(Words[random.Next(Words.Length)]).Append(i % 12 == 11 ? ". " : " ");
        }

        return text.Append('?').ToString();
    }
}
