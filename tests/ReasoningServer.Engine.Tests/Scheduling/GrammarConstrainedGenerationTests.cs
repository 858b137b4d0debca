using System.Text;
using System.Text.RegularExpressions;
using ReasoningServer.Engine.Sampling;
using ReasoningServer.Engine.Scheduling;
using ReasoningServer.Engine.Tests.Infrastructure;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Native;
using static ReasoningServer.Engine.Tests.Infrastructure.EngineRuns;

namespace ReasoningServer.Engine.Tests.Scheduling;

/// <summary>
/// Grammars through the engine with the real llama.cpp sampler: the answer follows the grammar, the thinking
/// before it is free, and a section closed by forcing opens the grammar like one the model closed.
/// </summary>
[Collection(TinyModelCollection.Name)]
public sealed partial class GrammarConstrainedGenerationTests(TinyModelFixture fixture)
{
    // Lower-case words in braces: nothing the tiny model's random characters would produce by chance.
    private const string Braces = """root ::= "{" [a-z]{1,6} ("," [a-z]{1,6}){0,3} "}" """;

    private static readonly LlamaToken ThinkStart = new(ByteLevelBpeVocabulary.ThinkStartId);
    private static readonly LlamaToken ThinkEnd = new(ByteLevelBpeVocabulary.ThinkEndId);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(23)]
    public async Task An_immediate_grammar_shapes_the_whole_output_and_then_ends_the_turn(int seed)
    {
        using var engine = await StartAsync();
        var prompt = PromptWithoutThinking("Give me braces.");

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(prompt, Sampled(seed), MaxTokens: 200,
            Grammar: new GrammarConstraint(Braces)));

        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        Assert.Matches(BracesPattern(), Text(tokens[..^1]));
        Assert.True(fixture.Model.Tokenizer.IsEndOfGeneration(tokens[^1]));
    }

    [Fact]
    public async Task Without_the_grammar_the_same_sampling_does_not_produce_that_shape()
    {
        using var engine = await StartAsync();
        var (tokens, _) = await RunAsync(engine, new GenerationRequest(PromptWithoutThinking("Give me braces."), Sampled(1), MaxTokens: 40));

        Assert.DoesNotMatch(BracesPattern(), Text(tokens));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    public async Task Thinking_opened_by_the_prompt_stays_free_and_the_answer_after_it_follows_the_grammar(int seed)
    {
        using var engine = await StartAsync();
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, "Think, then braces."), Sampled(seed), MaxTokens: 600,
            Grammar: new GrammarConstraint(Braces) { Gate = GrammarGate.AfterSection(ThinkEnd) }));

        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        var end = tokens.IndexOf(ThinkEnd);
        Assert.True(end > 0, "the tiny model closes its own thinking");
        var thinking = Text(tokens[..end]);
        Assert.DoesNotMatch(BracesPattern(), thinking); // free text, not the grammar's
        Assert.Matches(BracesPattern(), Text(tokens[(end + 1)..^1]));
    }

    [Fact]
    public async Task A_section_closed_by_forcing_opens_the_grammar()
    {
        using var engine = await StartAsync();
        var sampling = Sampled(5) with { LogitBias = NeverStop }; // the model alone would never close its thinking
        var close = fixture.Model.Tokenizer.Tokenize("\nenough\n", addSpecial: false, parseSpecial: false).Append(ThinkEnd).ToArray();

        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(Prompt(fixture.Model, "Think."), sampling, MaxTokens: 300,
            Steering: new ForceAfterSteering(12, close), Grammar: new GrammarConstraint(Braces) { Gate = GrammarGate.AfterSection(ThinkEnd) }));

        var end = tokens.IndexOf(ThinkEnd);
        Assert.Equal(12 + close.Length - 1, end);
        // The bias keeps <|im_end|> away, so the turn ends on the other end-of-generation token once the grammar is done.
        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        Assert.Matches(BracesPattern(), Text(tokens[(end + 1)..^1]));
    }

    [Fact]
    public async Task A_first_token_may_open_the_optional_section_or_start_the_grammar()
    {
        using var engine = await StartAsync();
        var prompt = PromptWithoutThinking("Either.");
        var gate = GrammarGate.AfterOptionalSection(ThinkStart, ThinkEnd);

        // Opened by the first token (forced in place of whatever was drawn): the section is free, then the grammar.
        var (opened, _) = await RunAsync(engine, new GenerationRequest(prompt, Sampled(2), MaxTokens: 600,
            Steering: new ForceAfterSteering(0, [ThinkStart]), Grammar: new GrammarConstraint(Braces) { Gate = gate }));
        Assert.Equal(ThinkStart, opened[0]);
        var end = opened.IndexOf(ThinkEnd);
        Assert.True(end > 0, "the tiny model closes the thinking it opened");
        Assert.Matches(BracesPattern(), Text(opened[(end + 1)..^1]));

        // Kept from opening: the grammar from the first token.
        var direct = Sampled(2) with { LogitBias = new Dictionary<LlamaToken, float> { [ThinkStart] = -100 } };
        var (answered, summary) = await RunAsync(engine, new GenerationRequest(prompt, direct, MaxTokens: 200, Grammar: new GrammarConstraint(Braces) { Gate = gate }));
        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        Assert.Matches(BracesPattern(), Text(answered[..^1]));
    }

    [Fact]
    public async Task A_lazy_grammar_leaves_the_text_free_until_its_trigger_token()
    {
        using var engine = await StartAsync();
        // The trigger is the think-start token, forced after a few free tokens; from it on the grammar rules.
        var trigger = ThinkStart;
        var lazy = new GrammarConstraint("""root ::= "<think>" "{" [a-z]{1,6} "}" """) { TriggerTokens = [trigger] };
        var (tokens, summary) = await RunAsync(engine, new GenerationRequest(PromptWithoutThinking("Lazy."), Sampled(9) with { LogitBias = NeverStop },
            MaxTokens: 100, Steering: new ForceAfterSteering(6, [trigger]), Grammar: lazy));

        Assert.Equal(trigger, tokens[6]);
        Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
        Assert.Matches(LazyTailPattern(), Text(tokens[7..^1]));
    }

    [Fact]
    public async Task Every_choice_of_a_request_follows_its_own_copy_of_the_grammar()
    {
        using var engine = await StartAsync(slots: 4);
        var request = new GenerationRequest(PromptWithoutThinking("Four."), Sampled(4), MaxTokens: 200, Grammar: new GrammarConstraint(Braces));
        var handles = engine.SubmitGroup([request, request with { Sampling = Sampled(5) }, request with { Sampling = Sampled(6) }, request with { Sampling = Sampled(7) }]);
        try
        {
            foreach (var handle in handles)
            {
                var (tokens, summary) = await ReadAsync(handle);
                Assert.Equal(FinishReason.EndOfGeneration, summary.Reason);
                Assert.Matches(BracesPattern(), Text(tokens[..^1]));
            }
        }
        finally
        {
            foreach (var handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_grammar_llama_cpp_rejects_fails_that_request_only()
    {
        using var engine = await StartAsync();
        var (_, failed) = await RunAsync(engine, new GenerationRequest(PromptWithoutThinking("x"), Sampled(1), MaxTokens: 5, Grammar: new GrammarConstraint("root ::= (")));
        Assert.Equal(FinishReason.Failed, failed.Reason);

        var (_, fine) = await RunAsync(engine, new GenerationRequest(PromptWithoutThinking("x"), Sampled(1), MaxTokens: 5));
        Assert.NotEqual(FinishReason.Failed, fine.Reason);
    }

    private static SamplingParameters Sampled(int seed) => new() { Temperature = 1, Seed = (uint)seed };

    private LlamaToken[] PromptWithoutThinking(string text) =>
        fixture.Model.Tokenizer.Tokenize($"<|im_start|>user\n{text}<|im_end|>\n<|im_start|>assistant\n", addSpecial: true, parseSpecial: true);

    private string Text(IEnumerable<LlamaToken> tokens)
    {
        var bytes = new List<byte>();
        foreach (var token in tokens)
        {
            bytes.AddRange(fixture.Model.Tokenizer.GetBytes(token).ToArray());
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private Task<InferenceEngine> StartAsync(int slots = 1) =>
        EngineRuns.StartAsync(fixture.Model, new EngineOptions { ContextSize = 2048, Slots = slots, BatchSize = 256, Threads = 2 });

    [GeneratedRegex("^\\{[a-z]{1,6}(,[a-z]{1,6}){0,3}\\}$")]
    private static partial Regex BracesPattern();

    [GeneratedRegex("^\\{[a-z]{1,6}\\}$")]
    private static partial Regex LazyTailPattern();
}
