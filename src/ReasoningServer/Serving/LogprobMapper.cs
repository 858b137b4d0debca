using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Protocol;

namespace ReasoningServer.Serving;

/// <summary>Engine logprobs (token ids) → the wire's text-and-bytes shapes.</summary>
internal static class LogprobMapper
{
    public static ChatLogprobsDto ToChat(IReadOnlyList<TokenLogprob> logprobs, Tokenizer tokenizer) => new()
    {
        Content = [.. logprobs.Select(l => new TokenLogprobDto
        {
            Token = tokenizer.GetDisplayText(l.Token),
            Logprob = l.Logprob,
            Bytes = Bytes(tokenizer, l.Token),
            TopLogprobs = [.. l.TopAlternatives.Select(a => new TopLogprobDto
            {
                Token = tokenizer.GetDisplayText(a.Token),
                Logprob = a.Logprob,
                Bytes = Bytes(tokenizer, a.Token),
            })],
        })],
    };

    /// <summary>The legacy endpoint's column-wise form; <paramref name="textOffset"/> is where the first token's text starts.</summary>
    public static CompletionLogprobsDto ToLegacy(IReadOnlyList<TokenLogprob> logprobs, Tokenizer tokenizer, int textOffset)
    {
        var result = new CompletionLogprobsDto { Tokens = [], TokenLogprobs = [], TopLogprobs = [], TextOffset = [] };
        foreach (var logprob in logprobs)
        {
            var text = tokenizer.GetDisplayText(logprob.Token);
            result.Tokens.Add(text);
            result.TokenLogprobs.Add(logprob.Logprob);
            var top = new Dictionary<string, float>();
            foreach (var alternative in logprob.TopAlternatives)
            {
                top.TryAdd(tokenizer.GetDisplayText(alternative.Token), alternative.Logprob);
            }

            result.TopLogprobs.Add(top);
            result.TextOffset.Add(textOffset);
            textOffset += text.Length;
        }

        return result;
    }

    private static int[] Bytes(Tokenizer tokenizer, Native.LlamaToken token)
    {
        var bytes = tokenizer.GetBytes(token);
        var result = new int[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            result[i] = bytes[i];
        }

        return result;
    }
}
