using System.Text.Json.Nodes;
using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Endpoints;

/// <summary>
/// Every field a client sends is honoured, accepted as a documented no-op, or refused with a 400 naming it:
/// nothing is silently ignored.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class RequestFieldPolicyTests(ServerFixture server)
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    public static TheoryData<string, string, string> Refused => new()
    {
        { "unknown top-level field", With(""" "temprature":0.5 """), "temprature" },
        { "unknown message field", """{"model":"tiny-test","messages":[{"role":"user","content":"Hi","mood":"happy"}]}""", "messages[0].mood" },
        { "unknown stream option", With(""" "stream_options":{"include_usage":true,"every":2} """), "stream_options.every" },
        { "unknown function field", With(""" "tools":[{"type":"function","function":{"name":"f","returns":"x"}}] """), "tools[0].function.returns" },
        { "unknown reasoning field", With(""" "reasoning":{"effort":"low","depth":3} """), "reasoning.depth" },
        { "audio", With(""" "audio":{"voice":"alloy","format":"wav"} """), "audio" },
        { "audio modality", With(""" "modalities":["text","audio"] """), "modalities" },
        { "prediction", With(""" "prediction":{"type":"content","content":"x"} """), "prediction" },
        { "web search", With(""" "web_search_options":{} """), "web_search_options" },
        { "deprecated functions", With(""" "functions":[{"name":"f"}] """), "functions" },
        { "deprecated function_call", With(""" "function_call":"auto" """), "function_call" },
        { "unknown service tier", With(""" "service_tier":"gold" """), "service_tier" },
        { "unknown verbosity", With(""" "verbosity":"chatty" """), "verbosity" },
        { "too much metadata", With("\"metadata\":{" + string.Join(',', Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\"")) + "}"), "metadata" },
        { "audio in history", """{"model":"tiny-test","messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"x","audio":{"id":"a"}},{"role":"user","content":"Hi"}]}""", "messages[1].audio" },
        { "a tool of another type", With(""" "tools":[{"type":"web_search"}] """), "tools[0].type" },
        { "a function without a name", With(""" "tools":[{"type":"function","function":{"description":"x"}}] """), "tools[0].function.name" },
        { "a function name with spaces", With(""" "tools":[{"type":"function","function":{"name":"get weather"}}] """), "tools[0].function.name" },
        { "two functions of one name", With(""" "tools":[{"type":"function","function":{"name":"f"}},{"type":"function","function":{"name":"f"}}] """), "tools[1].function.name" },
        { "parameters that are not a schema", With(""" "tools":[{"type":"function","function":{"name":"f","parameters":[1]}}] """), "tools[0].function.parameters" },
        { "tool_choice without tools", With(""" "tool_choice":"required" """), "tool_choice" },
        { "tool_choice naming an unknown function", With(""" "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"g"}} """), "tool_choice.function.name" },
        { "unknown tool_choice", With(""" "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"always" """), "tool_choice" },
        { "unknown field in tool_choice", With(""" "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":{"type":"function","function":{"name":"f"},"why":1} """), "tool_choice.why" },
        { "parallel_tool_calls without tools", With(""" "parallel_tool_calls":false """), "parallel_tool_calls" },
        { "unknown response format", With(""" "response_format":{"type":"xml"} """), "response_format.type" },
        { "json_schema without its object", With(""" "response_format":{"type":"json_schema"} """), "response_format.json_schema" },
        { "json_schema without a name", With(""" "response_format":{"type":"json_schema","json_schema":{"schema":{"type":"object"}}} """), "response_format.json_schema.name" },
    };

    private static string With(string fields) => $$"""{"model":"tiny-test","messages":{{Hi}},{{fields}}}""";

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_field_the_server_cannot_honour_is_refused_naming_it(string what, string body, string param)
    {
        var (status, error, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 400, $"{what}: expected 400, got {status}: {error?.ToJsonString()}");
        Assert.Equal(param, (string?)error?["error"]?["param"]);
        Assert.Contains(param.Split('.', '[')[0], (string?)error?["error"]?["message"]);
        ErrorShape.AssertIsError(error, "invalid_request_error", param, (string?)error?["error"]?["code"]);
    }

    [Fact]
    public async Task The_documented_no_op_fields_are_accepted()
    {
        var body = new JsonObject
        {
            ["model"] = ServerFixture.ModelId,
            ["messages"] = JsonNode.Parse(Hi),
            ["max_completion_tokens"] = 4,
            ["user"] = "user-1234",
            ["metadata"] = new JsonObject { ["run"] = "nightly" },
            ["store"] = true,
            ["service_tier"] = "auto",
            ["prompt_cache_key"] = "conversation-7",
            ["safety_identifier"] = "hashed-user",
            ["verbosity"] = "low",
            ["modalities"] = new JsonArray("text"),
            ["audio"] = null,
            ["prediction"] = null,
            ["stream_options"] = null,
        };

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
    }

    [Fact]
    public async Task A_response_message_appended_to_the_history_as_the_Python_client_dumps_it_is_accepted()
    {
        // What openai-python's message.model_dump() gives back: every optional field, most of them null.
        var body = $$"""
        {"model":"tiny-test","max_completion_tokens":4,"messages":[
          {"role":"user","content":"Hi"},
          {"role":"assistant","content":"Hello","refusal":null,"annotations":[],"audio":null,"function_call":null,"tool_calls":null,"reasoning_content":null},
          {"role":"user","content":"And?"}]}
        """;

        var (status, response, _) = await HttpJson.PostAsync(server.Http, "/v1/chat/completions", body);

        Assert.True(status == 200, response?.ToJsonString());
    }
}
