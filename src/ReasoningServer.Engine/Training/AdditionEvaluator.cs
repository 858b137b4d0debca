using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using ReasoningServer.Engine.Loading;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Text;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;

namespace ReasoningServer.Engine.Training;

/// <summary>
/// Asks a model sums through the engine (the server's own path, minus HTTP) at temperature 0: with thinking,
/// directly (the prompt continues with <c>&lt;/think&gt;\n\n</c>, as <c>reasoning_effort: none</c> will), or with a
/// thinking budget (the thinking is cut after N tokens and closed with <c>\n&lt;/think&gt;\n\n</c>). The answer is
/// the last number in the visible text, as a <c>last_number</c> extractor reads it.
/// </summary>
public sealed partial class AdditionEvaluator(InferenceEngine engine, ChatTemplate template)
{
    /// <summary>Room for the longest chain of thought (9 lines of 19 tokens) and answer, with slack for a model that rambles.</summary>
    public const int MaxCompletionTokens = 220;

    private const int AnswerTokens = 16;

    private readonly Tokenizer _tokenizer = engine.Model.Tokenizer;
    private readonly LlamaToken _thinkEnd = new(ByteLevelBpeVocabulary.ThinkEndId);
    private readonly LlamaToken _newline = new('\n');

    /// <summary>Loads a model file, evaluates thinking and direct answers on held-out sums of 2..8 digits, and unloads it.</summary>
    public static async Task<AccuracyTable> EvaluateFileAsync(string path, int problemsPerDigitCount, int threads = 0)
    {
        using var model = LoadedModel.Load(new ModelLoadOptions(path) { GpuLayers = 0 });
        using var engine = new InferenceEngine(model, new EngineOptions { ContextSize = 4096, Slots = 8, Threads = threads, BatchThreads = threads },
            NullLogger<InferenceEngine>.Instance);
        await engine.StartAsync();
        var evaluator = new AdditionEvaluator(engine, ChatTemplate.Create(model.ChatTemplateSource, ByteLevelBpeVocabulary.ThinkStart));
        var rows = new List<AccuracyRow>();
        for (var digits = AdditionProblemGenerator.MinHeldOutDigits; digits <= AdditionProblemGenerator.MaxDigits; digits++)
        {
            var problems = AdditionProblemGenerator.HeldOut(digits, problemsPerDigitCount);
            var thinking = await evaluator.SolveAllAsync(problems, direct: false);
            var direct = await evaluator.SolveAllAsync(problems, direct: true);
            rows.Add(Row(digits, thinking, direct));
        }

        return new AccuracyTable(rows);
    }

    public static AccuracyRow Row(int digits, IReadOnlyList<AdditionAttempt> thinking, IReadOnlyList<AdditionAttempt> direct) => new(
        digits,
        thinking.Count,
        Share(thinking, a => a.IsCorrect),
        Share(direct, a => a.IsCorrect),
        thinking.Count == 0 ? 0 : thinking.Average(a => a.ReasoningTokens),
        Share(thinking, a => a.ClosedThinking));

    /// <summary>Solves many sums at once, so the engine decodes them in one batch.</summary>
    public async Task<IReadOnlyList<AdditionAttempt>> SolveAllAsync(IReadOnlyList<AdditionProblem> problems, bool direct)
    {
        using var gate = new SemaphoreSlim(32);
        return await Task.WhenAll(problems.Select(async problem =>
        {
            await gate.WaitAsync();
            try
            {
                return await SolveAsync(problem, direct);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public async Task<AdditionAttempt> SolveAsync(AdditionProblem problem, bool direct)
    {
        var prompt = Prompt(problem);
        if (direct)
        {
            var answer = await GenerateAsync([.. prompt, .. Tokenize(AdditionChainOfThought.DirectAnswerPrefix)], AnswerTokens);
            return Attempt(problem, [], closed: false, answer);
        }

        var completion = await GenerateAsync(prompt, MaxCompletionTokens);
        var end = completion.IndexOf(_thinkEnd);
        return end < 0
            ? Attempt(problem, completion, closed: false, [])
            : Attempt(problem, completion[..end], closed: true, completion[(end + 1)..]);
    }

    /// <summary>
    /// The answer under a thinking budget of <paramref name="budget"/> tokens, reusing an unlimited attempt: greedy
    /// decoding is deterministic, so a chain that fits the budget gives the same answer; a longer one is cut after
    /// <paramref name="budget"/> tokens, closed, and answered from there.
    /// </summary>
    public async Task<AdditionAttempt> SolveWithBudgetAsync(AdditionAttempt unlimited, int budget)
    {
        ArgumentNullException.ThrowIfNull(unlimited);
        if (unlimited.ClosedThinking && unlimited.Thinking.Count <= budget)
        {
            return unlimited;
        }

        var kept = unlimited.Thinking.Take(budget).ToList();
        var close = kept.Count > 0 && kept[^1] == _newline ? AdditionChainOfThought.DirectAnswerPrefix : "\n" + AdditionChainOfThought.DirectAnswerPrefix;
        var answer = await GenerateAsync([.. Prompt(unlimited.Problem), .. kept, .. Tokenize(close)], AnswerTokens);
        return Attempt(unlimited.Problem, kept, closed: false, answer);
    }

    /// <summary>The last number in <paramref name="text"/>, or null.</summary>
    public static long? LastNumber(string text)
    {
        var match = Number().Matches(text).LastOrDefault();
        return match is not null && long.TryParse(match.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private LlamaToken[] Prompt(AdditionProblem problem) =>
        template.Render(_tokenizer, [new ChatMessage("user", AdditionChainOfThought.Question(problem))]).Tokens;

    private LlamaToken[] Tokenize(string text) => _tokenizer.Tokenize(text, addSpecial: false, parseSpecial: true);

    private async Task<List<LlamaToken>> GenerateAsync(IReadOnlyList<LlamaToken> prompt, int maxTokens)
    {
        using var handle = engine.Submit(new GenerationRequest(prompt, new SamplingParameters { Temperature = 0 }, maxTokens));
        var tokens = new List<LlamaToken>();
        await foreach (var token in handle.Tokens.ReadAllAsync())
        {
            if (!token.IsEndOfGeneration)
            {
                tokens.Add(token.Token);
            }
        }

        var summary = await handle.Completion;
        return summary.Error is null ? tokens : throw new InvalidOperationException($"Generation failed: {summary.Error}");
    }

    /// <summary>The text of <paramref name="tokens"/>, decoded as one byte string (a character may span tokens).</summary>
    public string Decode(IEnumerable<LlamaToken> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            bytes.AddRange(_tokenizer.GetBytes(token));
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private AdditionAttempt Attempt(AdditionProblem problem, List<LlamaToken> thinking, bool closed, List<LlamaToken> answer)
    {
        var text = Decode(answer);
        return new AdditionAttempt(problem, thinking, closed, text, LastNumber(text));
    }

    private static double Share(IReadOnlyList<AdditionAttempt> attempts, Func<AdditionAttempt, bool> predicate) =>
        attempts.Count == 0 ? 0 : (double)attempts.Count(predicate) / attempts.Count;

    [GeneratedRegex(@"-?\d+")]
    private static partial Regex Number();
}
