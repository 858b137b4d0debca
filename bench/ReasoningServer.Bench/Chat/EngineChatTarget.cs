using System.Diagnostics;
using System.Text;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Bench.Chat;

/// <summary>
/// The same turns straight through <see cref="InferenceEngine"/>: ChatML templating and tokenizing here, no
/// HTTP, no JSON, no reasoning splitter. What the server adds on top is the difference between the two.
/// </summary>
/// <param name="temperature">0 decodes greedily, as the comparison asks every server to; the default samples as the API's default does.</param>
internal sealed class EngineChatTarget(InferenceEngine engine, float temperature = 1f) : IChatTarget
{
    private static readonly Dictionary<LlamaToken, float> NoEndOfTurn = new() { [new LlamaToken(ByteLevelBpeVocabulary.ImEndId)] = -100 };

    public string Name => "engine (no HTTP)";

    public async Task<TurnMeasurement> RunTurnAsync(IReadOnlyList<(string Role, string Content)> messages, int maxTokens, int seed)
    {
        var text = new StringBuilder();
        foreach (var (role, content) in messages)
        {
            text.Append("<|im_start|>").Append(role).Append('\n').Append(content).Append("<|im_end|>\n");
        }

        text.Append("<|im_start|>assistant\n<think>\n");
        var tokenizer = engine.Model.Tokenizer;
        var prompt = tokenizer.Tokenize(text.ToString(), addSpecial: true, parseSpecial: true);

        var sent = Stopwatch.GetTimestamp();
        using var handle = engine.Submit(new GenerationRequest(prompt, new SamplingParameters { Seed = (uint)seed, Temperature = temperature, LogitBias = NoEndOfTurn }, maxTokens));
        var arrivals = new TokenArrivals(maxTokens);
        var decoder = new Utf8TokenDecoder(tokenizer);
        var answer = new StringBuilder();
        var answering = false;
        await foreach (var token in handle.Tokens.ReadAllAsync())
        {
            arrivals.Mark();
            if (token.Token.Value == ByteLevelBpeVocabulary.ThinkEndId)
            {
                answering = true;
            }
            else if (answering)
            {
                answer.Append(decoder.Decode(token.Token));
            }
        }

        var summary = await handle.Completion;
        return new TurnMeasurement(arrivals.TimeToFirstToken(sent), arrivals.GapsMilliseconds, summary.GeneratedTokens, summary.PromptTokens, summary.CachedTokens, answer.ToString(), arrivals.FirstTimestamp);
    }
}
