using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Tests.Infrastructure;

/// <summary>Starting an engine on the tiny model and running requests to their end, for the scheduling tests.</summary>
internal static class EngineRuns
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Keeps the tiny model thinking forever: no &lt;/think&gt;, no end of turn.</summary>
    public static readonly Dictionary<LlamaToken, float> NeverStop = new()
    {
        [new LlamaToken(ByteLevelBpeVocabulary.ThinkEndId)] = -100,
        [new LlamaToken(ByteLevelBpeVocabulary.ImEndId)] = -100,
    };

    public static LlamaToken[] Prompt(LoadedModel model, string text) =>
        model.Tokenizer.Tokenize($"<|im_start|>user\n{text}<|im_end|>\n<|im_start|>assistant\n<think>\n", addSpecial: true, parseSpecial: true);

    public static async Task<InferenceEngine> StartAsync(LoadedModel model, EngineOptions options)
    {
        var engine = new InferenceEngine(model, options, NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync().WaitAsync(Patience);
        return engine;
    }

    public static async Task<(List<LlamaToken> Tokens, GenerationSummary Summary)> ReadAsync(GenerationHandle handle)
    {
        var tokens = new List<LlamaToken>();
        await foreach (var token in handle.Tokens.ReadAllAsync())
        {
            tokens.Add(token.Token);
        }

        return (tokens, await handle.Completion.WaitAsync(Patience));
    }

    public static async Task<(List<LlamaToken> Tokens, GenerationSummary Summary)> RunAsync(InferenceEngine engine, GenerationRequest request)
    {
        using var handle = engine.Submit(request);
        return await ReadAsync(handle);
    }
}
