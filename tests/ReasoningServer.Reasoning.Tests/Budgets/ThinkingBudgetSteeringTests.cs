using ReasoningServer.Native;
using ReasoningServer.Reasoning.Budgets;
using ReasoningServer.Reasoning.Formats;

namespace ReasoningServer.Reasoning.Tests.Budgets;

/// <summary>The budget state machine on real token ids of the tiny vocabulary.</summary>
public sealed class ThinkingBudgetSteeringTests(TinyTokenizerFixture vocabulary) : IClassFixture<TinyTokenizerFixture>
{
    private BudgetForcingTokens Forcing => BudgetForcingTokens.Create(vocabulary.Tokenizer, ReasoningFormat.Think, "\nStop.\n", "\nWait,")!;

    private LlamaToken A => vocabulary.ByteToken((byte)'a');

    [Fact]
    public void Counts_to_the_budget_then_replaces_the_next_token_with_the_close()
    {
        var steering = new ThinkingBudgetSteering(new ThinkingBudget(3), Forcing, vocabulary.Tokenizer, thinkingOpenedByPrompt: true);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal([A], steering.Steer(A).ToArray());
        }

        var forced = steering.Steer(A).ToArray();

        Assert.Equal(Forcing.Close, forced);
        Assert.Equal(Forcing.End, forced[^1]);
        Assert.Equal(3 + Forcing.Close.Length, steering.ThinkingTokens);
        Assert.Equal(ThinkingPhase.Answering, steering.Phase);
        Assert.Equal([A], steering.Steer(A).ToArray()); // the answer passes untouched
    }

    [Fact]
    public void Waits_for_a_whole_UTF8_character_before_forcing()
    {
        var steering = new ThinkingBudgetSteering(new ThinkingBudget(2), Forcing, vocabulary.Tokenizer, thinkingOpenedByPrompt: true);
        // "a€": the euro sign is three bytes, E2 82 AC, one token each; the budget runs out after its first byte.
        LlamaToken[] text = [A, vocabulary.ByteToken(0xE2), vocabulary.ByteToken(0x82), vocabulary.ByteToken(0xAC)];

        foreach (var token in text)
        {
            Assert.Equal([token], steering.Steer(token).ToArray());
        }

        Assert.Equal(Forcing.Close, steering.Steer(A).ToArray());
        Assert.Equal(4 + Forcing.Close.Length, steering.ThinkingTokens);
    }

    [Fact]
    public void An_end_before_the_minimum_becomes_the_continuation()
    {
        var steering = new ThinkingBudgetSteering(new ThinkingBudget(100, MinTokens: 8), Forcing, vocabulary.Tokenizer, thinkingOpenedByPrompt: true);

        Assert.Equal(Forcing.Continuation, steering.Steer(Forcing.End).ToArray());
        Assert.Equal(Forcing.Continuation, steering.Steer(Forcing.End).ToArray());
        Assert.Equal(ThinkingPhase.Thinking, steering.Phase);
        Assert.Equal(2 * Forcing.Continuation.Length, steering.ThinkingTokens);

        // 12 tokens: past the minimum, so the model's own close stands.
        Assert.Equal([Forcing.End], steering.Steer(Forcing.End).ToArray());
        Assert.Equal(ThinkingPhase.Answering, steering.Phase);
        Assert.Equal(2, steering.Interventions);
    }

    [Fact]
    public void A_model_that_opens_thinking_itself_is_counted_from_its_start_tag()
    {
        var newline = vocabulary.ByteToken((byte)'\n');
        var steering = new ThinkingBudgetSteering(new ThinkingBudget(3), Forcing, vocabulary.Tokenizer, thinkingOpenedByPrompt: false);

        steering.Steer(newline);
        Assert.Equal(ThinkingPhase.NotStarted, steering.Phase);
        steering.Steer(Forcing.Start);

        // Like the splitter, the leading newline belongs to the section the start tag opened.
        Assert.Equal(ThinkingPhase.Thinking, steering.Phase);
        Assert.Equal(2, steering.ThinkingTokens);
        steering.Steer(A);
        Assert.Equal(Forcing.Close, steering.Steer(A).ToArray());
    }

    [Fact]
    public void A_model_that_answers_without_thinking_is_never_steered()
    {
        var steering = new ThinkingBudgetSteering(new ThinkingBudget(0), Forcing, vocabulary.Tokenizer, thinkingOpenedByPrompt: false);

        Assert.Equal([A], steering.Steer(A).ToArray());
        Assert.Equal([Forcing.End], steering.Steer(Forcing.End).ToArray());
        Assert.Equal(ThinkingPhase.Answering, steering.Phase);
        Assert.Equal(0, steering.ThinkingTokens);
    }
}
