using System.Text.Json;
using OpenAI.Chat;
using ReasoningServer.Tests.Infrastructure;
using ReasoningServer.Tests.Shared;

#pragma warning disable OPENAI001 // seed is marked experimental in the SDK

namespace ReasoningServer.Tests.Tools;

/// <summary>
/// One forced call and its round trip per tool-call family, each on a tiny model with that family's real tokenizer
/// and template: the grammar writes the family's own markup (Hermes tags, DeepSeek's markers and json fence,
/// Llama's bare JSON) and the parser reads it back into the same call.
/// </summary>
public sealed class ToolCallFamilyTests
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string","maxLength":12}},"required":["city"],"additionalProperties":false}""";

    [Theory]
    [InlineData("qwen3")]
    [InlineData("deepseek-r1")]
    [InlineData("deepseek-r1-v3-template")]
    [InlineData("llama3_1")]
    [InlineData("llama3")]
    public async Task A_forced_call_is_written_in_the_familys_markup_and_read_back(string family)
    {
        await using var server = new FamilyServer(TinyRealTokenizerModel.Named(family));
        await server.InitializeAsync();
        var chat = server.Chat(family);
        var options = new ChatCompletionOptions
        {
            Seed = 3,
            MaxOutputTokenCount = 200,
            ToolChoice = ChatToolChoice.CreateFunctionChoice("get_weather"),
            ReasoningEffortLevel = new ChatReasoningEffortLevel("none"),
            Tools = { ChatTool.CreateFunctionTool("get_weather", "Current weather for a city.", BinaryData.FromString(Schema)) },
        };
        List<ChatMessage> messages = [new UserChatMessage("Weather in Paris?")];

        ChatCompletion call = await chat.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, call.FinishReason);
        var toolCall = Assert.Single(call.ToolCalls);
        Assert.Equal("get_weather", toolCall.FunctionName);
        Assert.True(JsonDocument.Parse(toolCall.FunctionArguments.ToString()).RootElement.TryGetProperty("city", out _));
        Assert.Empty(call.Content);

        messages.Add(new AssistantChatMessage(call));
        messages.Add(new ToolChatMessage(toolCall.Id, "18 degrees"));
        options.ToolChoice = ChatToolChoice.CreateAutoChoice();
        options.MaxOutputTokenCount = 8;
        ChatCompletion answer = await chat.CompleteChatAsync(messages, options);
        Assert.True(answer.Usage.InputTokenCount > call.Usage.InputTokenCount, "the call and its result are in the prompt");
    }

    private sealed class FamilyServer(TinyRealTokenizerModel model) : ServerFixture, IAsyncDisposable
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Model:Path"] = model.EnsureBuilt(),
            ["Model:Id"] = model.Name,
        };

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
