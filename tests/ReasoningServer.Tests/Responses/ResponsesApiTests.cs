using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using OpenAI;
using OpenAI.Responses;
using ReasoningServer.Tests.Infrastructure;

#pragma warning disable OPENAI001 // the Responses client is marked experimental in the SDK

namespace ReasoningServer.Tests.Responses;

/// <summary>
/// The Responses API with the official .NET client (OpenAI 2.15.0's ResponsesClient) on the tiny model that thinks
/// before it answers: reasoning items, output text, usage, streaming events, stored responses and their chains, a
/// sealed reasoning round trip, json_schema output; keys scope stored responses.
/// </summary>
public sealed class ResponsesApiTests(ResponsesApiTests.KeyedServer server) : IClassFixture<ResponsesApiTests.KeyedServer>
{
    private ResponsesClient Client(string key = AccountingServerFixture.AliceKey) =>
        new(new ApiKeyCredential(key), new ResponsesClientOptions { Endpoint = new Uri(server.BaseAddress, "/v1") });

    [Fact]
    public async Task A_response_has_a_reasoning_item_then_a_message_and_usage_that_counts_the_reasoning()
    {
        var options = new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("What is 12 + 30?")])
        {
            MaxOutputTokenCount = 300,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Detailed },
        };

        ResponseResult response = await RandomWeights.FirstAsync(async () => (ResponseResult)await Client().CreateResponseAsync(options),
            r => r.OutputItems.OfType<ReasoningResponseItem>().Any(i => i.GetSummaryText().Length > 0));

        Assert.StartsWith("resp_", response.Id);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        var reasoning = Assert.IsType<ReasoningResponseItem>(response.OutputItems[0]);
        Assert.False(string.IsNullOrEmpty(reasoning.GetSummaryText()));
        var message = Assert.IsAssignableFrom<MessageResponseItem>(response.OutputItems[1]);
        Assert.Equal(response.GetOutputText(), message.Content[0].Text);
        Assert.True(response.Usage.OutputTokenDetails.ReasoningTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > response.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task A_cut_off_response_is_incomplete_for_max_output_tokens()
    {
        ResponseResult response = await Client().CreateResponseAsync(
            new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("Hi")]) { MaxOutputTokenCount = 5 });

        Assert.Equal(ResponseStatus.Incomplete, response.Status);
        Assert.Equal(ResponseIncompleteStatusReason.MaxOutputTokens, response.IncompleteStatusDetails.Reason);
        Assert.Equal(5, response.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task A_streamed_response_sends_OpenAIs_typed_events_in_order_and_ends_with_the_whole_response()
    {
        var options = new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("What is 7 + 8?")])
        {
            StreamingEnabled = true,
            MaxOutputTokenCount = 300,
            ReasoningOptions = new ResponseReasoningOptions { ReasoningSummaryVerbosity = ResponseReasoningSummaryVerbosity.Auto },
        };
        var (kinds, sequence, text, summary, completed) = await RandomWeights.FirstAsync(() => StreamAsync(options), s => s.Summary.Length > 0);

        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        Assert.Equal(nameof(StreamingResponseCreatedUpdate), kinds[0]);
        Assert.Equal(nameof(StreamingResponseInProgressUpdate), kinds[1]);
        Assert.Equal(nameof(StreamingResponseCompletedUpdate), kinds[^1]);
        Assert.Contains(nameof(StreamingResponseReasoningSummaryPartAddedUpdate), kinds);
        Assert.True(kinds.IndexOf(nameof(StreamingResponseReasoningSummaryTextDoneUpdate)) < kinds.IndexOf(nameof(StreamingResponseContentPartAddedUpdate)));
        Assert.Contains(nameof(StreamingResponseOutputTextDoneUpdate), kinds);
        Assert.NotNull(completed);
        Assert.Equal(completed.GetOutputText(), text);
        Assert.Equal(((ReasoningResponseItem)completed.OutputItems[0]).GetSummaryText(), summary);
        Assert.True(completed.Usage.OutputTokenDetails.ReasoningTokenCount > 0);
    }

    private async Task<(List<string> Kinds, List<int> Sequence, string Text, string Summary, ResponseResult? Completed)> StreamAsync(CreateResponseOptions options)
    {
        var kinds = new List<string>();
        var sequence = new List<int>();
        var text = new System.Text.StringBuilder();
        var summary = new System.Text.StringBuilder();
        ResponseResult? completed = null;
        await foreach (var update in await Client().CreateResponseStreamingAsync(options))
        {
            kinds.Add(update.GetType().Name);
            sequence.Add(update.SequenceNumber);
            switch (update)
            {
                case StreamingResponseOutputTextDeltaUpdate delta:
                    text.Append(delta.Delta);
                    break;
                case StreamingResponseReasoningSummaryTextDeltaUpdate thought:
                    summary.Append(thought.Delta);
                    break;
                case StreamingResponseCompletedUpdate done:
                    completed = done.Response;
                    break;
            }
        }

        return (kinds, sequence, text.ToString(), summary.ToString(), completed);
    }

    [Fact]
    public async Task A_stored_response_is_read_listed_continued_and_deleted_by_its_key_only()
    {
        var alice = Client();
        ResponseResult first = await alice.CreateResponseAsync(
            new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("What is 1 + 2?")]) { MaxOutputTokenCount = 200 });

        ResponseResult read = await alice.GetResponseAsync(first.Id);
        Assert.Equal(first.GetOutputText(), read.GetOutputText());
        var inputs = new List<ResponseItem>();
        await foreach (var item in alice.GetResponseInputItemsAsync(first.Id))
        {
            inputs.Add(item);
        }

        Assert.Equal("What is 1 + 2?", Assert.IsAssignableFrom<MessageResponseItem>(Assert.Single(inputs)).Content[0].Text);

        // The next turn carries the first: its prompt holds the first question and answer (but not the first's reasoning).
        ResponseResult second = await alice.CreateResponseAsync(
            new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("And 3 + 4?")]) { MaxOutputTokenCount = 200, PreviousResponseId = first.Id });
        ResponseResult alone = await alice.CreateResponseAsync(
            new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("And 3 + 4?")]) { MaxOutputTokenCount = 200, StoredOutputEnabled = false });
        // The difference is the first turn (its question and answer with their markup), not the template's opening or
        // the generation prompt, which both prompts have: more than the answer, less than the first prompt plus it.
        var answerTokens = first.Usage.OutputTokenCount - first.Usage.OutputTokenDetails.ReasoningTokenCount;
        Assert.InRange(second.Usage.InputTokenCount - alone.Usage.InputTokenCount, answerTokens + 1, first.Usage.InputTokenCount + answerTokens + 8);
        Assert.Equal(first.Id, second.PreviousResponseId);

        // Another key sees nothing: reading, listing, continuing, deleting all answer as for a missing response.
        var bob = Client(AccountingServerFixture.BobKey);
        var read404 = await Assert.ThrowsAsync<ClientResultException>(() => bob.GetResponseAsync(first.Id));
        Assert.Equal(404, read404.Status);
        var (status, error, _) = await HttpJson.PostAsync(server.HttpAs(AccountingServerFixture.BobKey), "/v1/responses",
            $$"""{"model":"{{ServerFixture.ModelId}}","input":"x","previous_response_id":"{{first.Id}}"}""");
        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", "previous_response_id", "previous_response_not_found");
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => bob.DeleteResponseAsync(first.Id))).Status);

        ResponseDeletionResult deleted = await alice.DeleteResponseAsync(first.Id);
        Assert.True(deleted.Deleted);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => alice.GetResponseAsync(first.Id))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<ClientResultException>(() => alice.GetResponseAsync(alone.Id))).Status); // store: false
    }

    [Fact]
    public async Task Encrypted_reasoning_round_trips_statelessly_and_a_forged_one_is_refused()
    {
        var http = server.HttpAs(AccountingServerFixture.AliceKey);
        var (_, first, _) = await RandomWeights.FirstAsync(() => HttpJson.PostAsync(http, "/v1/responses", $$"""
            {"model":"{{ServerFixture.ModelId}}","input":"Think about 9 + 9.","store":false,"include":["reasoning.encrypted_content"],"reasoning":{"summary":"auto"},"max_output_tokens":300}
            """), r => r.Body?["output"]?.AsArray().Any(i => (string?)i!["type"] == "reasoning" && ((string?)i["summary"]?[0]?["text"])?.Length > 0) == true);
        var reasoning = first!["output"]!.AsArray().First(i => (string?)i!["type"] == "reasoning")!;
        var sealedContent = (string)reasoning["encrypted_content"]!;
        var thinking = (string)reasoning["summary"]![0]!["text"]!;
        Assert.DoesNotContain(thinking[..Math.Min(12, thinking.Length)], System.Text.Encoding.Latin1.GetString(Convert.FromBase64String(sealedContent)));

        // Sent back with the call it preceded, the sealed reasoning is part of the current turn: the model sees it again.
        const string Tools = """[{"type":"function","name":"add","parameters":{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"integer"}}}}]""";
        string Turn(string content) => $$"""
            {"model":"{{ServerFixture.ModelId}}","store":false,"max_output_tokens":4,"tools":{{Tools}},"input":[
              {"role":"user","content":"Think about 9 + 9."},
              {"type":"reasoning","id":"rs_1","summary":[],"encrypted_content":{{JsonSerializer.Serialize(content)}}},
              {"type":"function_call","call_id":"call_1","name":"add","arguments":"{\"a\":9,\"b\":9}"},
              {"type":"function_call_output","call_id":"call_1","output":"18"}]}
            """;
        var (okStatus, kept, _) = await HttpJson.PostAsync(http, "/v1/responses", Turn(sealedContent));
        Assert.True(okStatus == 200, kept?.ToJsonString());

        var forged = Convert.FromBase64String(sealedContent);
        forged[^1] ^= 1;
        var (forgedStatus, error, _) = await HttpJson.PostAsync(http, "/v1/responses", Turn(Convert.ToBase64String(forged)));
        Assert.Equal(400, forgedStatus);
        ErrorShape.AssertIsError(error, "invalid_request_error", "input[1].encrypted_content", "invalid_encrypted_content");

        // Another key cannot open it either: the seal is bound to the key.
        var (bobStatus, _, _) = await HttpJson.PostAsync(server.HttpAs(AccountingServerFixture.BobKey), "/v1/responses", Turn(sealedContent));
        Assert.Equal(400, bobStatus);
        Assert.True((int)kept!["usage"]!["input_tokens"]! > 0);
    }

    [Fact]
    public async Task A_json_schema_answer_parses_and_validates()
    {
        const string Schema = """{"type":"object","properties":{"sum":{"type":"integer","minimum":0,"maximum":99}},"required":["sum"],"additionalProperties":false}""";
        var options = new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("What is 40 + 2? Answer in JSON.")])
        {
            MaxOutputTokenCount = 300,
            TextOptions = new ResponseTextOptions { TextFormat = ResponseTextFormat.CreateJsonSchemaFormat("sum", BinaryData.FromString(Schema), jsonSchemaIsStrict: true) },
        };

        ResponseResult response = await Client().CreateResponseAsync(options);

        using var document = JsonDocument.Parse(response.GetOutputText());
        Assert.True(JsonSchema.FromText(Schema).Evaluate(document.RootElement).IsValid, response.GetOutputText());
    }

    [Fact]
    public async Task A_responses_request_is_one_ledger_record_counted_by_the_usage_endpoints()
    {
        var before = (await server.Ledger.ReadAllAsync()).Count(r => r.ApiKeyId == AccountingServerFixture.BobId);
        ResponseResult response = await Client(AccountingServerFixture.BobKey).CreateResponseAsync(
            new CreateResponseOptions(ServerFixture.ModelId, [ResponseItem.CreateUserMessageItem("What is 2 + 2?")]) { MaxOutputTokenCount = 200 });

        var rows = (await server.Ledger.ReadAllAsync()).Where(r => r.ApiKeyId == AccountingServerFixture.BobId).ToList();
        Assert.Equal(before + 1, rows.Count);
        var row = rows.OrderBy(r => r.StartedAtMs).Last();
        Assert.Equal(response.Usage.InputTokenCount, row.PromptTokens);
        Assert.Equal(response.Usage.OutputTokenDetails.ReasoningTokenCount, row.ReasoningTokens);
        Assert.Equal(response.Usage.OutputTokenCount, row.ReasoningTokens + row.AnswerTokens);
        Assert.Equal("completed", row.Outcome);
    }

    [Theory]
    [InlineData("""{"model":"tiny-test","input":"x","temprature":1}""", "temprature", "unknown_parameter")]
    [InlineData("""{"model":"tiny-test","input":"x","background":true}""", "background", "unsupported_parameter")]
    [InlineData("""{"model":"tiny-test","input":"x","max_output_tokens":0}""", "max_output_tokens", "invalid_value")]
    [InlineData("""{"model":"tiny-test","input":"x","reasoning":{"effort":"huge"}}""", "reasoning.effort", "invalid_value")]
    [InlineData("""{"model":"tiny-test","input":"x","include":["file_search_call.results"]}""", "include", "invalid_value")]
    [InlineData("""{"model":"tiny-test","input":[{"role":"user","content":[{"type":"input_image","image_url":"x"}]}]}""", "input[0].content[0].type", "invalid_value")]
    [InlineData("""{"model":"tiny-test","input":[{"type":"message","role":"user","content":"x","mood":1}]}""", "input[0].mood", "unknown_parameter")]
    [InlineData("""{"model":"tiny-test","input":"x","tools":[{"type":"web_search"}]}""", "tools[0].type", "invalid_value")]
    [InlineData("""{"model":"tiny-test","input":"x","text":{"format":{"type":"json_schema","name":"a","schema":{"not":{}}}}}""", "text.format.schema", "unsupported_schema")]
    [InlineData("""{"model":"tiny-test","input":"x","previous_response_id":"resp_nope"}""", "previous_response_id", "previous_response_not_found")]
    [InlineData("""{"model":"tiny-test"}""", "input", "missing_required_parameter")]
    public async Task A_bad_request_gets_an_OpenAI_error_naming_the_Responses_field(string body, string param, string code)
    {
        var (status, error, _) = await HttpJson.PostAsync(server.HttpAs(AccountingServerFixture.AliceKey), "/v1/responses", body);

        Assert.True(status == 400, error?.ToJsonString());
        ErrorShape.AssertIsError(error, "invalid_request_error", param, code);
    }

    public sealed class KeyedServer : SqliteAccountingFixture;
}
