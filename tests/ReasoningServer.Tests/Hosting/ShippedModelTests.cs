using System.ClientModel;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // reasoning effort is marked experimental in the SDK

namespace ReasoningServer.Tests.Hosting;

/// <summary>
/// The server executable started with no model option serves the trained tiny reasoner it ships with
/// (models/tiny-reasoner-add.gguf): a 5-digit sum is worked out in a thinking section the model closes itself.
/// </summary>
public sealed class ShippedModelTests
{
    private const string Key = "sk-test-shipped-0123456789";

    [Fact]
    public async Task Without_a_model_option_the_tiny_reasoner_thinks_and_answers_a_five_digit_sum_and_effort_none_skips_the_thinking()
    {
        await using var ledger = LedgerDatabase.Sqlite();
        using var server = await ServerExecutable.StartShippedModelAsync(Key, ledger.Arguments);
        var models = await server.Http.GetFromJsonAsync<JsonNode>("/v1/models");
        Assert.Equal("tiny-reasoner", (string?)models!["data"]![0]!["id"]);
        var chat = new ChatClient("tiny-reasoner", new ApiKeyCredential(Key),
            new OpenAIClientOptions { Endpoint = new Uri(server.Http.BaseAddress!, "/v1") });
        ChatMessage[] question = [new UserChatMessage("What is 48213 + 93771?")];

        ChatCompletion thought = await chat.CompleteChatAsync(question, new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 200 });
        ChatCompletion direct = await chat.CompleteChatAsync(question,
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 200, ReasoningEffortLevel = new ChatReasoningEffortLevel("none") });

        Assert.Equal("141984", thought.Content[0].Text.Trim());
        Assert.Equal(ChatFinishReason.Stop, thought.FinishReason);
        // Six lines of 19 tokens and the model's own </think>: nothing was forced (a forced close adds its message).
        Assert.Equal(115, thought.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(0, direct.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(ChatFinishReason.Stop, direct.FinishReason);
    }
}
