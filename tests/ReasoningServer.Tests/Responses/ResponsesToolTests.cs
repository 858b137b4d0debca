using System.Text.Json;
using OpenAI.Responses;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

namespace ReasoningServer.Tests.Responses;

/// <summary>A function-call round trip through the Responses API with the official .NET client, on the tiny Qwen3-template model.</summary>
[Collection(Qwen3ServerCollection.Name)]
public sealed class ResponsesToolTests(Qwen3ServerFixture server)
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string","maxLength":12}},"required":["city"],"additionalProperties":false}""";

    private ResponsesClient Client => new(new System.ClientModel.ApiKeyCredential("unused"), new ResponsesClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

    [Fact]
    public async Task A_forced_function_call_round_trips_through_previous_response_id()
    {
        var weather = ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString(Schema), strictModeEnabled: true, functionDescription: "Current weather.");
        var first = new CreateResponseOptions(Qwen3ServerFixture.Qwen3ModelId, [ResponseItem.CreateUserMessageItem("Weather in Paris?")])
        {
            Tools = { weather },
            ToolChoice = ResponseToolChoice.CreateFunctionChoice("get_weather"),
            MaxOutputTokenCount = 200,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = new ResponseReasoningEffortLevel("none") },
        };

        ResponseResult called = await Client.CreateResponseAsync(first);

        var call = Assert.Single(called.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("call_", call.CallId);
        Assert.True(JsonDocument.Parse(call.FunctionArguments.ToString()).RootElement.TryGetProperty("city", out _));
        Assert.Empty(called.OutputItems.OfType<MessageResponseItem>());

        var second = new CreateResponseOptions(Qwen3ServerFixture.Qwen3ModelId, [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "18 degrees and sunny")])
        {
            PreviousResponseId = called.Id,
            Tools = { weather },
            MaxOutputTokenCount = 12,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = new ResponseReasoningEffortLevel("none") },
        };
        ResponseResult answered = await Client.CreateResponseAsync(second);

        Assert.Empty(answered.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.NotEmpty(answered.GetOutputText());
        Assert.True(answered.Usage.InputTokenCount > called.Usage.InputTokenCount + 10, "the call and its output are in the prompt");
        Assert.True(answered.Usage.InputTokenDetails.CachedTokenCount > called.Usage.InputTokenCount / 2, "the first prompt is the second's cached prefix");
    }

    [Fact]
    public async Task A_streamed_function_call_sends_argument_deltas_that_add_up_to_the_call()
    {
        var options = new CreateResponseOptions(Qwen3ServerFixture.Qwen3ModelId, [ResponseItem.CreateUserMessageItem("Weather in Rome?")])
        {
            StreamingEnabled = true,
            Tools = { ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString(Schema), strictModeEnabled: true) },
            ToolChoice = ResponseToolChoice.CreateFunctionChoice("get_weather"),
            MaxOutputTokenCount = 200,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = new ResponseReasoningEffortLevel("none") },
        };
        var deltas = new List<string>();
        string? done = null;
        ResponseResult? completed = null;
        await foreach (var update in await Client.CreateResponseStreamingAsync(options))
        {
            switch (update)
            {
                case StreamingResponseFunctionCallArgumentsDeltaUpdate delta:
                    deltas.Add(delta.Delta.ToString());
                    break;
                case StreamingResponseFunctionCallArgumentsDoneUpdate finished:
                    done = finished.FunctionArguments.ToString();
                    break;
                case StreamingResponseCompletedUpdate end:
                    completed = end.Response;
                    break;
            }
        }

        Assert.True(deltas.Count > 1, $"{deltas.Count} argument deltas");
        Assert.Equal(done, string.Concat(deltas));
        var call = Assert.Single(completed!.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal(done, call.FunctionArguments.ToString());
    }
}
