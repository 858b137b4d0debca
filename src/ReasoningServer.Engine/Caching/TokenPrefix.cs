using ReasoningServer.Native;

namespace ReasoningServer.Engine.Caching;

/// <summary>Prefix comparison of token sequences, without allocating.</summary>
public static class TokenPrefix
{
    /// <summary>How many leading tokens <paramref name="cached"/> and <paramref name="prompt"/> share, at most <paramref name="limit"/>.</summary>
    public static int CommonLength(IReadOnlyList<LlamaToken> cached, IReadOnlyList<LlamaToken> prompt, int limit)
    {
        var length = Math.Min(Math.Min(cached.Count, prompt.Count), limit);
        for (var i = 0; i < length; i++)
        {
            if (cached[i] != prompt[i])
            {
                return i;
            }
        }

        return Math.Max(length, 0);
    }
}
