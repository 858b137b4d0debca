using ReasoningServer.Protocol.Responses;
using ReasoningServer.Reasoning.Tools;
using ReasoningServer.Serving;
using ReasoningServer.Serving.Responses;

namespace ReasoningServer.Tests.Responses;

/// <summary>
/// The output items a run's events become. A random-weight model stops right after its thinking only now and then
/// (about 1 response in 40 on the test model, and the Responses API has no seed to pick one), so these feed the builder
/// the events such a run produces instead of waiting for the model to do it.
/// </summary>
public sealed class ResponseOutputBuilderTests
{
    // The builder reads the job's flags only; the completion, the seal and the tokenizer serve sealing and logprobs.
    private static ResponseOutputBuilder Builder() =>
        new(new ResponsesJob(null!, null!, [], string.Empty, Summary: true, IncludeEncryptedReasoning: false, IncludeLogprobs: false), null!, null!);

    [Fact]
    public async Task A_completed_run_that_only_thought_still_ends_with_an_empty_message_and_its_events()
    {
        var builder = Builder();
        var events = new List<ResponseStreamEvent>();

        await builder.AddAsync(new ChoiceEvent(0, "Twelve and thirty.", string.Empty, null, null), events, default);
        await builder.AddAsync(new ChoiceEvent(0, string.Empty, string.Empty, null, "stop"), events, default);
        await builder.FinishAsync(incomplete: false, events, default);

        Assert.Collection(builder.Output, item => Assert.IsType<ReasoningItemDto>(item), item =>
        {
            var message = Assert.IsType<MessageItemDto>(item);
            Assert.Equal("completed", message.Status);
            Assert.Equal(string.Empty, Assert.IsType<OutputTextPartDto>(Assert.Single(message.Content)).Text);
        });
        var done = Assert.Single(events.OfType<OutputTextDoneEvent>());
        Assert.Equal((1, string.Empty), (done.OutputIndex, done.Text));
        Assert.Equal(2, events.OfType<OutputItemEvent>().Count(e => e.Type == "response.output_item.done"));
    }

    [Fact]
    public async Task A_run_cut_short_while_thinking_has_no_message()
    {
        var builder = Builder();

        await builder.AddAsync(new ChoiceEvent(0, "Twelve and", string.Empty, null, "length"), null, default);
        await builder.FinishAsync(incomplete: true, null, default);

        Assert.IsType<ReasoningItemDto>(Assert.Single(builder.Output));
    }

    [Fact]
    public async Task A_function_call_is_the_answer_without_an_added_message()
    {
        var builder = Builder();

        await builder.AddAsync(new ChoiceEvent(0, "Look it up.", string.Empty, null, null), null, default);
        await builder.AddAsync(new ChoiceEvent(0, string.Empty, string.Empty, null, "tool_calls",
            [new ToolCallFragment(0, "call_1", "get_weather", """{"city":"Paris"}""")]), null, default);
        await builder.FinishAsync(incomplete: false, null, default);

        Assert.Collection(builder.Output, item => Assert.IsType<ReasoningItemDto>(item), item => Assert.IsType<FunctionCallItemDto>(item));
    }
}
