using System.ClientModel;
using OpenAI.Chat;
using ReasoningServer.Engine.TinyModels;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Hosting;

/// <summary>
/// With no model configured the server serves the trained tiny reasoner, which really adds. Skipped until
/// models/tiny-reasoner-add.gguf exists (bench/RESULTS.md, issue 6); until then the default is the generated model.
/// </summary>
public sealed class DefaultModelTests(DefaultModelServerFixture server) : IClassFixture<DefaultModelServerFixture>
{
    private const string NotShippedYet = "No trained tiny reasoner is shipped yet (bench/RESULTS.md, issue 6).";

    [Fact(Skip = NotShippedYet)]
    public async Task The_default_model_is_the_tiny_reasoner_and_thinks_its_way_to_a_five_digit_sum()
    {
        var models = await server.Http.GetStringAsync("/v1/models");
        Assert.Contains($"\"id\":\"{TinyReasonerModel.Id}\"", models, StringComparison.Ordinal);

        ChatCompletion completion = await server.Chat(TinyReasonerModel.Id).CompleteChatAsync(
            [new UserChatMessage("What is 48213 + 9377?")],
            new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 150 });

        Assert.Equal("57590", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);

        // Five lines of nine tokens plus the </think> the model wrote itself.
        Assert.Equal(46, completion.Usage.OutputTokenDetails.ReasoningTokenCount);
    }

    [Fact(Skip = NotShippedYet)]
    public async Task An_unknown_model_id_is_still_refused()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() =>
            server.Chat("tiny-test").CompleteChatAsync([new UserChatMessage("What is 1 + 1?")]));
        Assert.Equal(404, error.Status);
    }
}
