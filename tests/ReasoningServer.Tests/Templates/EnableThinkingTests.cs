using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Templates;

/// <summary>
/// Qwen3's template knows <c>enable_thinking</c>: <c>reasoning_effort: "none"</c> sets it to false, so the template
/// itself closes an empty thinking section, exactly as <c>chat_template_kwargs: {"enable_thinking": false}</c> does.
/// </summary>
[Collection(Qwen3ServerCollection.Name)]
public sealed class EnableThinkingTests(Qwen3ServerFixture server)
{
    [Fact]
    public async Task Effort_none_and_enable_thinking_false_give_the_same_prompt_with_an_empty_thinking_section()
    {
        var thinking = await PromptTokensAsync(null);
        var none = await PromptTokensAsync(b => b["reasoning_effort"] = "none");
        var switchedOff = await PromptTokensAsync(b => b["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false });

        Assert.Equal(none, switchedOff);
        // "<think>", "\n\n", "</think>", "\n\n": four tokens of Qwen3's vocabulary, written by the template.
        Assert.Equal(thinking + 4, none);
    }

    [Fact]
    public async Task Contradicting_the_effort_is_refused_naming_the_switch()
    {
        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body(b =>
        {
            b["reasoning_effort"] = "high";
            b["chat_template_kwargs"] = new JsonObject { ["enable_thinking"] = false };
        }));

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "chat_template_kwargs.enable_thinking", "invalid_value");
    }

    private async Task<int> PromptTokensAsync(Action<JsonObject>? change)
    {
        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", Body(change));
        Assert.True(status == 200, response?.ToJsonString());
        return (int)response!["usage"]!["prompt_tokens"]!;
    }

    private static JsonObject Body(Action<JsonObject>? change)
    {
        var body = new JsonObject
        {
            ["model"] = Qwen3ServerFixture.Qwen3ModelId,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Capital of Peru?" }),
            ["max_completion_tokens"] = 1,
        };
        change?.Invoke(body);
        return body;
    }
}
