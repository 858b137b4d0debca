using ReasoningServer.Tests.Infrastructure;

namespace ReasoningServer.Tests.Endpoints;

/// <summary>
/// Found by the fuzzer: a <c>null</c> where a list holds objects or a map holds strings was a 500
/// (NullReferenceException past the wire). It is a 400 naming where now.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class NullItemsTests(ServerFixture server)
{
    private const string Hi = """[{"role":"user","content":"Hi"}]""";

    public static TheoryData<string, string, string> NullItems => new()
    {
        { "/v1/chat/completions", """{"model":"tiny-test","messages":[null],"max_tokens":1}""", "messages[0]" },
        { "/v1/chat/completions", $$"""{"model":"tiny-test","messages":{{Hi}},"tools":[null],"max_tokens":1}""", "tools[0]" },
        { "/v1/chat/completions", """{"model":"tiny-test","messages":[{"role":"assistant","content":"x","tool_calls":[null]},{"role":"user","content":"x"}],"max_tokens":1}""", "messages[0].tool_calls[0]" },
        { "/v1/chat/completions", $$"""{"model":"tiny-test","messages":{{Hi}},"metadata":{"a":null},"max_tokens":1}""", "metadata" },
        { "/v1/responses", """{"model":"tiny-test","input":"x","tools":[null],"max_output_tokens":1}""", "tools[0]" },
        { "/v1/responses", """{"model":"tiny-test","input":"x","metadata":{"a":null},"max_output_tokens":1}""", "metadata" },
    };

    [Theory]
    [MemberData(nameof(NullItems))]
    public async Task A_null_item_is_a_400_naming_its_field(string path, string body, string param)
    {
        var (status, error, _) = await HttpJson.PostAsync(server.Http, path, body);

        Assert.Equal(400, status);
        ErrorShape.AssertIsError(error, "invalid_request_error", param, "invalid_type");
    }
}
